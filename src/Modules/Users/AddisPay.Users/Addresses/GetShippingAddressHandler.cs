using AddisPay.Users.Contracts;
using AddisPay.Users.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Users.Addresses;

internal sealed class GetShippingAddressHandler(UsersDbContext db) : IQueryHandler<GetShippingAddress, ShippingAddress?>
{
    public async ValueTask<ShippingAddress?> Handle(GetShippingAddress query, CancellationToken ct) =>
        await db.Accounts.AsNoTracking()
            .Where(a => a.Id == query.UserId && a.DeletedAt == null)
            .SelectMany(a => a.Addresses)
            .Where(x => x.Id == query.AddressId)
            .Select(x => new ShippingAddress(x.Id, x.Label, x.Recipient, x.Phone, x.Region, x.City, x.SubCity, x.Woreda, x.Details, x.IsDefault))
            .FirstOrDefaultAsync(ct);
}
