using System.Reflection;
using AddisPay.Cart.AddItem;
using AddisPay.Cart.Baskets;
using AddisPay.Cart.Contracts;
using AddisPay.Cart.ChangeQuantity;
using AddisPay.Cart.ClearCart;
using AddisPay.Cart.CreateCart;
using AddisPay.Cart.DismissNotices;
using AddisPay.Cart.Expiry;
using AddisPay.Cart.GetCart;
using AddisPay.Cart.Ownership;
using AddisPay.Cart.PlacedOrders;
using AddisPay.Cart.RemoveItem;
using AddisPay.Cart.Repricing;
using AddisPay.Orders.Contracts;
using AddisPay.Users.Contracts;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Modules;
using Mediator;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
                .Duplicate(c => c.LastActiveAt) // indexed column the idle-cart sweeper scans
                // Finds the carts holding a product when its price or stock changes. fastupdate off: carts are written
                // all the time, and GIN's pending list (which every search scans until a vacuum merges it) made each
                // stock change's lookup cost milliseconds under load; entries now go straight into the index.
                .GinIndexJsonData(index => index.StorageParameters["fastupdate"] = "off");
        });
        // Containment lookups go through the GIN index; no plan needs ANALYZE to sort every sampled cart document.
        module.SkipStatistics("mt_doc_cart", "data");
        module.Subscribe<ProductPriceChanged, RepriceCartLines>();
        module.Subscribe<StockChanged, TrackAvailability>();
        module.Subscribe<ProductArchived, TrackAvailability>();
        module.Subscribe<UserSignedIn, MergeVisitorCartAtSignIn>();
        module.Subscribe<UserDeleted, EraseCartsOfDeletedUser>();
        module.Subscribe<OrderPlaced, TakeOrderedItemsOutOfCart>();

        module.Services.AddOptions<CartExpiryOptions>().BindConfiguration(CartExpiryOptions.Section)
            .Validate(o => o.Anonymous > TimeSpan.Zero && o.Owned > TimeSpan.Zero, $"{CartExpiryOptions.Section} times must be positive.")
            .ValidateOnStart();
        module.Services.AddSingleton<CartExpiry>();
        module.Services.AddHostedService<IdleCartSweeper>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapCreateCart();
        api.MapGetCart();
        api.MapGetMyCart();
        api.MapAddItem();
        api.MapChangeQuantity();
        api.MapRemoveItem();
        api.MapClearCart();
        api.MapDismissNotices();
    }
}
