using AddisPay.Cart.GetMyCart;

namespace AddisPay.Cart.GetOwnCart;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Cart.Contracts;

/// <summary>A shop front (another module) reading the signed-in shopper's cart: the very command the API runs, so the rules are one.</summary>
internal sealed class GetOwnCartHandler(ISender sender) : ICommandHandler<GetOwnCart, ShopperCart>
{
    public async ValueTask<ShopperCart> Handle(GetOwnCart command, CancellationToken ct) =>
        (await sender.Send(new GetMyCartCommand(command.UserId), ct)).ToShopper();
}
