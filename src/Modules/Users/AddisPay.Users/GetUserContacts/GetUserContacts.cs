namespace AddisPay.Users.GetUserContacts;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

internal sealed class GetUserContactsHandler(UsersDbContext db) : IQueryHandler<GetUserContacts, IReadOnlyList<UserContact>>
{
    public async ValueTask<IReadOnlyList<UserContact>> Handle(GetUserContacts query, CancellationToken ct)
    {
        var contacts = new List<UserContact>(query.UserIds.Count);
        if (query.UserIds.Count == 0) return contacts;
        await foreach (var contact in ContactsOf(db, query.UserIds.Distinct().ToArray()).WithCancellation(ct)) contacts.Add(contact);
        return contacts;
    }

    // Compiled once, as a single contact is (GetUserContact): the contact columns only.
    private static readonly Func<UsersDbContext, Guid[], IAsyncEnumerable<UserContact>> ContactsOf = EF.CompileAsyncQuery(
        (UsersDbContext db, Guid[] userIds) => db.Accounts.Where(x => userIds.Contains(x.Id) && x.DeletedAt == null)
            .Select(a => new UserContact(a.Id, a.Email, a.EmailVerifiedAt != null, a.FullName, a.Phone, a.PreferredLanguage,
                a.NotifyOrderUpdates, a.NotifyPromotions)));
}
