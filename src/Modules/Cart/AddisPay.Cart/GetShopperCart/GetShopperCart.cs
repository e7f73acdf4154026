using AddisPay.Cart.GetCart;

namespace AddisPay.Cart.GetShopperCart;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Cart.Contracts;

/// <summary>A shop front (another module) reading a cart: the very query the API runs, so the rules are one.</summary>
internal sealed class GetShopperCartHandler(ISender sender) : IQueryHandler<GetShopperCart, ShopperCart?>
{
    public async ValueTask<ShopperCart?> Handle(GetShopperCart query, CancellationToken ct)
    {
        try
        {
            return (await sender.Send(new GetCartQuery(query.CartId, query.UserId), ct)).ToShopper();
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
