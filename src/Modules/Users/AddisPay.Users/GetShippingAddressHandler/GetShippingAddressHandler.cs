using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.Addresses;

namespace AddisPay.Users.GetShippingAddressHandler;

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

/// <summary>
/// A shop front's checkout and address book: the addresses to choose from, and adding, editing, choosing the default and
/// removing them through the account API's own commands and validation (so a shop front can never bend the rules).
/// </summary>
internal sealed class ShippingAddressBook(UsersDbContext db, ISender sender)
    : IQueryHandler<GetShippingAddresses, IReadOnlyList<ShippingAddress>>, ICommandHandler<AddShippingAddress, ShippingAddress>,
      ICommandHandler<UpdateShippingAddress, ShippingAddress>, ICommandHandler<ChooseDefaultShippingAddress, ShippingAddress>,
      ICommandHandler<RemoveShippingAddress, ShippingAddressRemoved>
{
    public async ValueTask<IReadOnlyList<ShippingAddress>> Handle(GetShippingAddresses query, CancellationToken ct) =>
        await db.Accounts.AsNoTracking()
            .Where(a => a.Id == query.UserId && a.DeletedAt == null)
            .SelectMany(a => a.Addresses)
            .OrderByDescending(x => x.IsDefault).ThenBy(x => x.Label).ThenBy(x => x.Id)
            .Select(x => new ShippingAddress(x.Id, x.Label, x.Recipient, x.Phone, x.Region, x.City, x.SubCity, x.Woreda, x.Details, x.IsDefault))
            .ToListAsync(ct);

    public async ValueTask<ShippingAddress> Handle(AddShippingAddress command, CancellationToken ct)
    {
        var request = new AddressRequest(command.Label, command.Recipient, command.Phone, command.Region, command.City, command.SubCity, command.Woreda,
            command.Details, command.IsDefault);
        return await SaveAsync(command.UserId, null, request, ct);
    }

    public async ValueTask<ShippingAddress> Handle(UpdateShippingAddress command, CancellationToken ct)
    {
        var request = new AddressRequest(command.Label, command.Recipient, command.Phone, command.Region, command.City, command.SubCity, command.Woreda,
            command.Details, command.IsDefault);
        return await SaveAsync(command.UserId, command.AddressId, request, ct);
    }

    public async ValueTask<ShippingAddress> Handle(ChooseDefaultShippingAddress command, CancellationToken ct)
    {
        var a = await sender.Send(new GetShippingAddress(command.UserId, command.AddressId), ct)
            ?? throw new NotFoundException($"Address {command.AddressId} not found.");
        if (a.IsDefault) return a;
        // The stored fields were valid when saved: only the default changes.
        var request = new AddressRequest(a.Label, a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details, IsDefault: true);
        return ToShipping(await sender.Send(new SaveAddressCommand(command.UserId, command.AddressId, request), ct));
    }

    public async ValueTask<ShippingAddressRemoved> Handle(RemoveShippingAddress command, CancellationToken ct)
    {
        try
        {
            await sender.Send(new DeleteAddressCommand(command.UserId, command.AddressId), ct);
            return new ShippingAddressRemoved(true);
        }
        catch (NotFoundException)
        {
            // Already gone (a retried request), or never the user's: nothing to remove either way.
            return new ShippingAddressRemoved(false);
        }
    }

    private async Task<ShippingAddress> SaveAsync(Guid userId, Guid? addressId, AddressRequest request, CancellationToken ct)
    {
        if (Validation.Errors(request) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        return ToShipping(await sender.Send(new SaveAddressCommand(userId, addressId, request), ct));
    }

    private static ShippingAddress ToShipping(AddressView a) =>
        new(a.Id, a.Label, a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details, a.IsDefault);
}
