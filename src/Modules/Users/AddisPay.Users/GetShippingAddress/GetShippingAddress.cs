namespace AddisPay.Users.GetShippingAddress;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

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
