using AddisPay.Users.SaveAddress;

namespace AddisPay.Users.UpdateShippingAddress;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's address book editing an address, through the account API's own command and validation.</summary>
internal sealed class UpdateShippingAddressHandler(ISender sender) : ICommandHandler<UpdateShippingAddress, ShippingAddress>
{
    public async ValueTask<ShippingAddress> Handle(UpdateShippingAddress command, CancellationToken ct)
    {
        var request = ValidRequest.Of(new AddressRequest(command.Label, command.Recipient, command.Phone, command.Region, command.City, command.SubCity,
            command.Woreda, command.Details, command.IsDefault));
        return (await sender.Send(new SaveAddressCommand(command.UserId, command.AddressId, request), ct)).ToShipping();
    }
}
