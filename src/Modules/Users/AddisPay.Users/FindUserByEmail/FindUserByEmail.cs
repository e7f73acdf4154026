namespace AddisPay.Users.FindUserByEmail;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

internal sealed class FindUserByEmailHandler(UsersDbContext db) : IQueryHandler<FindUserByEmail, UserContact?>
{
    public async ValueTask<UserContact?> Handle(FindUserByEmail query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query.Email) || query.Email.Length > 254) return null;
        var normalized = Account.Normalize(query.Email.Trim());
        return await db.Accounts.AsNoTracking().Where(a => a.NormalizedEmail == normalized && a.DeletedAt == null)
            .Select(a => new UserContact(a.Id, a.Email, a.EmailVerifiedAt != null, a.FullName, a.Phone, a.PreferredLanguage, a.NotifyOrderUpdates, a.NotifyPromotions))
            .FirstOrDefaultAsync(ct);
    }
}
