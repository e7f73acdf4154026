namespace AddisPay.Users.Data;

/// <summary>
/// Ending sessions (<c>users.refresh_tokens</c>, mapped by <see cref="UsersDbContext"/>): one update that answers with the
/// families it ended, which <c>SessionsRevoked</c> must name. EF Core's bulk update returns a count only; reading the
/// families first would be a second round trip. No benchmark measured it.
/// </summary>
internal static class SessionSql
{
    /// <summary>
    /// Revokes the account's live tokens of every family (<paramref name="all"/>) or of <paramref name="only"/>, but never of
    /// <paramref name="except"/>; answers with the family of each token revoked.
    /// </summary>
    public static Task<List<Guid>> EndAsync(UsersDbContext db, Guid accountId, string reason, DateTimeOffset now, bool all, Guid[] only, Guid[] except,
        CancellationToken ct) =>
        db.Database.SqlQuery<Guid>($"""
            update users.refresh_tokens set "RevokedAt" = {now}, "RevokedReason" = {reason}
             where "AccountId" = {accountId} and "RevokedAt" is null
               and ({all} or "FamilyId" = any({only})) and not ("FamilyId" = any({except}))
            returning "FamilyId" as "Value"
            """).ToListAsync(ct);
}
