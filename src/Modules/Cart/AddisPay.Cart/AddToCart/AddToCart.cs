using AddisPay.Cart.AddItem;

namespace AddisPay.Cart.AddToCart;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Cart.Contracts;

/// <summary>A shop front (another module) adding a product: the very command the API runs, so the rules are one.</summary>
internal sealed class AddToCartHandler(ISender sender) : ICommandHandler<AddToCart, ShopperCart>
{
    public async ValueTask<ShopperCart> Handle(AddToCart command, CancellationToken ct) =>
        (await sender.Send(new AddItemCommand(command.CartId, command.UserId, command.ProductId, command.Quantity, command.Sku), ct)).ToShopper();
}
