using System.Reflection;
using AddisPay.Cart.AddItem;
using AddisPay.Cart.Contracts;
using AddisPay.Cart.ChangeQuantity;
using AddisPay.Cart.ClearCart;
using AddisPay.Cart.CreateCart;
using AddisPay.Cart.DismissNotices;
using AddisPay.Cart.GetCart;
using AddisPay.Cart.GetMyCart;
using AddisPay.Cart.EraseCartsOfDeletedUser;
using AddisPay.Cart.MergeVisitorCartAtSignIn;
using AddisPay.Cart.TakeOrderedItemsOutOfCart;
using AddisPay.Cart.RemoveItem;
using AddisPay.Cart.RepriceCartLines;
using AddisPay.Cart.TrackAvailability;
using AddisPay.Orders.Contracts;
using AddisPay.Users.Contracts;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.DependencyInjection;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace AddisPay.Cart;

/// <summary>Cart: baskets priced from Products' Contracts, kept current by its price events. Schema `cart`, Marten documents.</summary>
public sealed class CartModule : IModule
{
    public string Name => ModuleNames.Cart;
    public Assembly Contracts => typeof(AddisPay.Cart.Contracts.GetCartSummary).Assembly;

    public void Register(ModuleRegistration module)
    {
        // Before the owner index turns unique: a user left with several carts by the race it now prevents keeps the one
        // with lines most recently active (the others were empty, or older duplicates of it). Runs before Marten's
        // migration, so on a new database there is no table yet.
        module.MigrateWithSql(CartOwnerSql.KeepOneCartPerOwner(Name));
        module.AddDocumentData<ICartStore>(opts =>
        {
            opts.Schema.For<Domain.Cart>()
                .UseOptimisticConcurrency(true)
                // One cart per user: a first read of /mine and the sign-in merge can't both give the user a cart.
                .Index(c => c.OwnerId, index => index.IsUnique = true)
                .Duplicate(c => c.LastActiveAt) // indexed column the idle-cart sweeper scans
                // Finds the carts holding a product when its price or stock changes: a GIN index on just the product ids.
                // It used to be a GIN index on the whole document, which every cart write fed with an entry per value
                // (names, prices, notices: tens per cart, 4% of PostgreSQL's time under the checkout benchmark) and whose
                // lookups scanned long posting lists. fastupdate off: carts are written all the time, and GIN's pending
                // list (which every search scans until a vacuum merges it) made each lookup cost milliseconds under load.
                .Duplicate(c => c.ProductIds, pgType: "uuid[]", dbType: NpgsqlDbType.Array | NpgsqlDbType.Uuid, configure: index =>
                {
                    index.Method = IndexMethod.gin;
                    index.StorageParameters["fastupdate"] = "off";
                });
        });
        // Carts written before the column existed get their product ids from their document once; the whole-document
        // index those databases have goes.
        module.MigrateWithSql($"""
            update {Name}.mt_doc_cart set product_ids = array(select distinct (l->>'ProductId')::uuid from jsonb_array_elements(data->'Lines') l)
             where product_ids is null;
            drop index if exists {Name}.mt_doc_cart_idx_data;
            """);
        // No query filters on the document itself; no plan needs ANALYZE to sort every sampled cart document.
        module.SkipStatistics("mt_doc_cart", "data");
        module.Subscribe<ProductPriceChanged, RepriceCartLines.RepriceCartLines>();
        module.Subscribe<StockChanged, TrackAvailability.TrackAvailability>();
        module.Subscribe<ProductArchived, TrackAvailability.TrackAvailability>();
        module.Subscribe<UserSignedIn, MergeVisitorCartAtSignIn.MergeVisitorCartAtSignIn>();
        module.Subscribe<UserDeleted, EraseCartsOfDeletedUser.EraseCartsOfDeletedUser>();
        module.Subscribe<OrderPlaced, TakeOrderedItemsOutOfCart.TakeOrderedItemsOutOfCart>();

        module.Services.AddOptions<CartExpiryOptions>().BindConfiguration(CartExpiryOptions.Section)
            .Validate(o => o.Anonymous > TimeSpan.Zero && o.Owned > TimeSpan.Zero, $"{CartExpiryOptions.Section} times must be positive.")
            .ValidateOnStart();
        module.Services.AddSingleton<CartExpiry>();
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
