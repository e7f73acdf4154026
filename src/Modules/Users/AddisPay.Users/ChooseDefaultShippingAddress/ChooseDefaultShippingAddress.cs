using AddisPay.Users.SaveAddress;

namespace AddisPay.Users.ChooseDefaultShippingAddress;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's address book choosing the default, through the account API's own command.</summary>
internal sealed class ChooseDefaultShippingAddressHandler(ISender sender) : ICommandHandler<ChooseDefaultShippingAddress, ShippingAddress>
{
    public async ValueTask<ShippingAddress> Handle(ChooseDefaultShippingAddress command, CancellationToken ct)
    {
        var a = await sender.Send(new GetShippingAddress(command.UserId, command.AddressId), ct)
            ?? throw new NotFoundException($"Address {command.AddressId} not found.");
        if (a.IsDefault) return a;
        // The stored fields were valid when saved: only the default changes.
        var request = new AddressRequest(a.Label, a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details, IsDefault: true);
        return (await sender.Send(new SaveAddressCommand(command.UserId, command.AddressId, request), ct)).ToShipping();
    }
}
