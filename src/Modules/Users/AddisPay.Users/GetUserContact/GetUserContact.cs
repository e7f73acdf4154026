namespace AddisPay.Users.GetUserContact;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

internal sealed class GetUserContactHandler(UsersDbContext db) : IQueryHandler<GetUserContact, UserContact?>
{
    public async ValueTask<UserContact?> Handle(GetUserContact query, CancellationToken ct) => await ContactOf(db, query.UserId, ct);

    // Asked for on every order email and payment: only the contact columns, not the account with its password hash. Compiled
    // once, because building, hashing and looking up the LINQ expression on every call cost more CPU than running the query.
    private static readonly Func<UsersDbContext, Guid, CancellationToken, Task<UserContact?>> ContactOf = EF.CompileAsyncQuery(
        (UsersDbContext db, Guid userId, CancellationToken ct) => db.Accounts.Where(x => x.Id == userId && x.DeletedAt == null)
            .Select(a => new UserContact(a.Id, a.Email, a.EmailVerifiedAt != null, a.FullName, a.Phone, a.PreferredLanguage,
                a.NotifyOrderUpdates, a.NotifyPromotions))
            .FirstOrDefault());
}
