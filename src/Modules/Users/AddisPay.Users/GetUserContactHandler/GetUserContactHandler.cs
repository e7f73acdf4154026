using AddisPay.Users.Contracts;
using AddisPay.Users.SweepThrottles;

namespace AddisPay.Users.GetUserContactHandler;

internal sealed class GetUserContactHandler(UsersDbContext db) : IQueryHandler<GetUserContact, UserContact?>, IQueryHandler<GetUserContacts, IReadOnlyList<UserContact>>,
    IQueryHandler<FindUserByEmail, UserContact?>
{
    public async ValueTask<UserContact?> Handle(GetUserContact query, CancellationToken ct) => await ContactOf(db, query.UserId, ct);

    public async ValueTask<IReadOnlyList<UserContact>> Handle(GetUserContacts query, CancellationToken ct)
    {
        var contacts = new List<UserContact>(query.UserIds.Count);
        if (query.UserIds.Count == 0) return contacts;
        await foreach (var contact in ContactsOf(db, query.UserIds.Distinct().ToArray()).WithCancellation(ct)) contacts.Add(contact);
        return contacts;
    }

    public async ValueTask<UserContact?> Handle(FindUserByEmail query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query.Email) || query.Email.Length > 254) return null;
        var normalized = Account.Normalize(query.Email.Trim());
        return await db.Accounts.AsNoTracking().Where(a => a.NormalizedEmail == normalized && a.DeletedAt == null)
            .Select(a => new UserContact(a.Id, a.Email, a.EmailVerifiedAt != null, a.FullName, a.Phone, a.PreferredLanguage, a.NotifyOrderUpdates, a.NotifyPromotions))
            .FirstOrDefaultAsync(ct);
    }

    // Asked for on every order email and payment: only the contact columns, not the account with its password hash. Compiled
    // once, because building, hashing and looking up the LINQ expression on every call cost more CPU than running the query.
    private static readonly Func<UsersDbContext, Guid, CancellationToken, Task<UserContact?>> ContactOf = EF.CompileAsyncQuery(
        (UsersDbContext db, Guid userId, CancellationToken ct) => db.Accounts.Where(x => x.Id == userId && x.DeletedAt == null)
            .Select(a => new UserContact(a.Id, a.Email, a.EmailVerifiedAt != null, a.FullName, a.Phone, a.PreferredLanguage,
                a.NotifyOrderUpdates, a.NotifyPromotions))
            .FirstOrDefault());

    private static readonly Func<UsersDbContext, Guid[], IAsyncEnumerable<UserContact>> ContactsOf = EF.CompileAsyncQuery(
        (UsersDbContext db, Guid[] userIds) => db.Accounts.Where(x => userIds.Contains(x.Id) && x.DeletedAt == null)
            .Select(a => new UserContact(a.Id, a.Email, a.EmailVerifiedAt != null, a.FullName, a.Phone, a.PreferredLanguage,
                a.NotifyOrderUpdates, a.NotifyPromotions)));
}
