namespace AddisPay.Users.GetShippingAddresses;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's checkout and address book: the addresses to choose from, the default first.</summary>
internal sealed class GetShippingAddressesHandler(UsersDbContext db) : IQueryHandler<GetShippingAddresses, IReadOnlyList<ShippingAddress>>
{
    public async ValueTask<IReadOnlyList<ShippingAddress>> Handle(GetShippingAddresses query, CancellationToken ct) =>
        await db.Accounts.AsNoTracking()
            .Where(a => a.Id == query.UserId && a.DeletedAt == null)
            .SelectMany(a => a.Addresses)
            .OrderByDescending(x => x.IsDefault).ThenBy(x => x.Label).ThenBy(x => x.Id)
            .Select(x => new ShippingAddress(x.Id, x.Label, x.Recipient, x.Phone, x.Region, x.City, x.SubCity, x.Woreda, x.Details, x.IsDefault))
            .ToListAsync(ct);
}
