using AddisPay.Users.Contracts;
using AddisPay.Users.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Users.Contact;

internal sealed class GetUserContactHandler(UsersDbContext db) : IQueryHandler<GetUserContact, UserContact?>
{
    public async ValueTask<UserContact?> Handle(GetUserContact query, CancellationToken ct)
    {
        // Asked for on every order email and payment: only the contact columns, not the account with its password hash.
        return await db.Accounts.Where(x => x.Id == query.UserId && x.DeletedAt == null)
            .Select(a => new UserContact(a.Id, a.Email, a.EmailVerifiedAt != null, a.FullName, a.Phone, a.PreferredLanguage,
                a.NotifyOrderUpdates, a.NotifyPromotions))
            .FirstOrDefaultAsync(ct);
    }
}
