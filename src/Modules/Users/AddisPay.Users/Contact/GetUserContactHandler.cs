using AddisPay.Users.Contracts;
using AddisPay.Users.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Users.Contact;

internal sealed class GetUserContactHandler(UsersDbContext db) : IQueryHandler<GetUserContact, UserContact?>
{
    public async ValueTask<UserContact?> Handle(GetUserContact query, CancellationToken ct)
    {
        var a = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == query.UserId && x.DeletedAt == null, ct);
        return a is null ? null : new UserContact(a.Id, a.Email, a.EmailVerifiedAt is not null, a.FullName, a.Phone, a.PreferredLanguage,
            a.NotifyOrderUpdates, a.NotifyPromotions);
    }
}
