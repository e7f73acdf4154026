using AddisPay.Cart.RemoveItem;

namespace AddisPay.Cart.RemoveFromCart;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Cart.Contracts;

/// <summary>A shop front (another module) removing a line: the very command the API runs, so the rules are one.</summary>
internal sealed class RemoveFromCartHandler(ISender sender) : ICommandHandler<RemoveFromCart, ShopperCart>
{
    public async ValueTask<ShopperCart> Handle(RemoveFromCart command, CancellationToken ct) =>
        (await sender.Send(new RemoveItemCommand(command.CartId, command.UserId, command.Sku), ct)).ToShopper();
}
