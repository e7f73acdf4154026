using System.Reflection;
using AddisPay.Cart.AddItem;
using AddisPay.Cart.Baskets;
using AddisPay.Cart.Contracts;
using AddisPay.Cart.CreateCart;
using AddisPay.Cart.GetCart;
using AddisPay.Cart.Ownership;
using AddisPay.Cart.Repricing;
using AddisPay.Users.Contracts;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Modules;
using Microsoft.AspNetCore.Routing;

namespace AddisPay.Cart;

/// <summary>Cart: baskets priced from Products' Contracts, kept current by its price events. Schema `cart`, Marten documents.</summary>
public sealed class CartModule : IModule
{
    public string Name => ModuleNames.Cart;
    public Assembly Contracts => typeof(GetCartSummary).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddDocumentData<ICartStore>(opts =>
        {
            opts.Schema.For<Baskets.Cart>()
                .UseOptimisticConcurrency(true)
                .Index(c => c.OwnerId)
                .GinIndexJsonData(); // finds the carts holding a product when its price changes
        });
        module.Subscribe<ProductPriceChanged, RepriceCartLines>();
        module.Subscribe<StockChanged, TrackAvailability>();
        module.Subscribe<ProductArchived, TrackAvailability>();
        module.Subscribe<UserSignedIn, MergeVisitorCartAtSignIn>();
        module.Subscribe<UserDeleted, EraseCartsOfDeletedUser>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapCreateCart();
        api.MapGetCart();
        api.MapGetMyCart();
        api.MapAddItem();
    }
}
