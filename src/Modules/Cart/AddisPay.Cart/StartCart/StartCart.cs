using AddisPay.Cart.CreateCart;

namespace AddisPay.Cart.StartCart;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Cart.Contracts;

/// <summary>A shop front (another module) starting a visitor's cart: the very command the API runs, so the rules are one.</summary>
internal sealed class StartCartHandler(ISender sender) : ICommandHandler<StartCart, ShopperCart>
{
    public async ValueTask<ShopperCart> Handle(StartCart command, CancellationToken ct) =>
        (await sender.Send(new CreateCartCommand(), ct)).ToShopper();
}
