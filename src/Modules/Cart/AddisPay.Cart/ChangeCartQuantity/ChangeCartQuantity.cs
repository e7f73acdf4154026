using AddisPay.Cart.ChangeQuantity;

namespace AddisPay.Cart.ChangeCartQuantity;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Cart.Contracts;

/// <summary>A shop front (another module) changing a line's quantity: the very command the API runs, so the rules are one.</summary>
internal sealed class ChangeCartQuantityHandler(ISender sender) : ICommandHandler<ChangeCartQuantity, ShopperCart>
{
    public async ValueTask<ShopperCart> Handle(ChangeCartQuantity command, CancellationToken ct) =>
        (await sender.Send(new ChangeQuantityCommand(command.CartId, command.UserId, command.Sku, command.Quantity), ct)).ToShopper();
}
