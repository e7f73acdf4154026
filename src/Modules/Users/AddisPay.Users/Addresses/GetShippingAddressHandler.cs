using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
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

/// <summary>A shop front's checkout: the addresses to choose from, and a new one saved with the account's own rules.</summary>
internal sealed class ShippingAddressBook(UsersDbContext db, ISender sender)
    : IQueryHandler<GetShippingAddresses, IReadOnlyList<ShippingAddress>>, ICommandHandler<AddShippingAddress, ShippingAddress>
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
        if (Validation.Errors(request) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var a = await sender.Send(new SaveAddressCommand(command.UserId, null, request), ct);
        return new ShippingAddress(a.Id, a.Label, a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details, a.IsDefault);
    }
}
