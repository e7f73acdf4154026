using AddisPay.Users.Contracts;
using AddisPay.Users.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Users.Contact;

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
