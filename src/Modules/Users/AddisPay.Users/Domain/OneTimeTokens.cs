namespace AddisPay.Users.Domain;

/// <summary>Creates and redeems the single-use tokens that verification and reset emails carry.</summary>
internal sealed class OneTimeTokens(UsersDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan VerificationLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Adds a new token to the context and returns it in clear, for the email only.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Create(Guid accountId, string purpose)
    {
        var now = clock.GetUtcNow();
        var token = Secrets.NewToken();
        var expires = now + (purpose == OneTimeToken.ResetPassword ? ResetLifetime : VerificationLifetime);
        db.OneTimeTokens.Add(new OneTimeToken
        {
            Id = Guid.CreateVersion7(), AccountId = accountId, Purpose = purpose, TokenHash = Secrets.Hash(token), CreatedAt = now, ExpiresAt = expires
        });
        return (token, expires);
    }

    /// <summary>Marks the token used (once, even under concurrent redemption) and returns its account id.</summary>
    public async Task<Guid> RedeemAsync(string token, string purpose, CancellationToken ct)
    {
        var hash = Secrets.Hash(token ?? "");
        var now = clock.GetUtcNow();
        var found = await db.OneTimeTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, ct);
        if (found is null || found.ExpiresAt <= now)
            throw new ValidationFailedException("token", "The link is invalid or has expired; ask for a new one.");
        var claimed = await db.OneTimeTokens.Where(t => t.Id == found.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed == 0) throw new ValidationFailedException("token", "The link has already been used; ask for a new one.");
        return found.AccountId;
    }
}
