using AddisPay.Users.DeleteAddress;

namespace AddisPay.Users.RemoveShippingAddress;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's address book removing an address, through the account API's own command.</summary>
internal sealed class RemoveShippingAddressHandler(ISender sender) : ICommandHandler<RemoveShippingAddress, ShippingAddressRemoved>
{
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
}
