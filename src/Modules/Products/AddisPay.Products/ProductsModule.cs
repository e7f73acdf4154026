using System.Reflection;
using AddisPay.Products.GetCategoryTree;
using AddisPay.Products.CreateCategory;
using AddisPay.Products.GetCategoryTreeForShops;
using AddisPay.Products.ChangePrice;
using AddisPay.Products.Contracts;
using AddisPay.Products.CreateProduct;
using AddisPay.Products.DemoCatalogue;
using AddisPay.Products.GetProduct;
using AddisPay.Products.GetProductDetailHandler;
using AddisPay.Products.ImportProducts;
using AddisPay.Products.ReturnSoldUnitsHandler;
using AddisPay.Products.GetStock;
using AddisPay.Products.AdjustStock;
using AddisPay.Products.SweepExpiredReservations;
using AddisPay.Products.ListCatalogueForStaff;
using AddisPay.Products.ListProducts;
using AddisPay.Products.PublishProduct;
using AddisPay.Products.ShowRatings;
using AddisPay.Products.ProductReadCache;
using AddisPay.Reviews.Contracts;
using AddisPay.Products.UpdateProduct;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.OutputCaching;
using AddisPay.Products.GetUploadedImage;
using AddisPay.Products.GetProductImage;

namespace AddisPay.Products;

/// <summary>Products: the catalogue (categories, products, variants), prices in ETB and stock. Schema `products`, EF Core.</summary>
public sealed class ProductsModule : IModule
{
    public string Name => ModuleNames.Products;
    public Assembly Contracts => typeof(GetProductOffer).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<ProductsDbContext>()
            .SkipStatistics("reservations", "Lines");
        var connectionString = module.ConnectionString;
        module.Services.AddSingleton(_ => new CatalogueReads(connectionString));
        module.Services.AddScoped<StockLedger>();
        module.Services.AddScoped<ReservationSettlement>();
        module.Services.AddScoped<CatalogueImport>();
        // Uploaded pictures in PostgreSQL; an object store replaces this registration (IProductImageStore), nothing else.
        module.Services.AddScoped<IProductImageStore, PostgresProductImageStore>();
        module.Services.Configure<ProductImageOptions>(module.Configuration.GetSection("AddisPay:Products:Images"));
        module.Services.AddScoped<IDemoData, DemoCatalogue.DemoCatalogue>();
        module.Subscribe<ProductRatingChanged, ShowRatings.ShowRatings>();
        module.Services.Configure<ProductReadCacheOptions>(module.Configuration.GetSection("AddisPay:Products:ReadCache"));
        module.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ProductReadCacheOptions>>().Value);
        module.Services.AddSingleton(_ => new EventLogTail(connectionString));
        module.Services.AddOutputCache();
        module.Services.AddOptions<OutputCacheOptions>().Configure<ProductReadCacheOptions>((o, readCache) =>
            o.AddPolicy(AnonymousProductReads.Name, new AnonymousProductReads(readCache)));
    }

    public void MapEndpoints(IEndpointRouteBuilder module)
    {
        // A write to a product drops its kept pages on this replica as it answers (AnonymousProductReads).
        var api = module.MapGroup("").AddEndpointFilter(AnonymousProductReads.EvictAfterWriteAsync);
        api.MapGetCategoryTree();
        api.MapCreateCategory();
        api.MapGetStock();
        api.MapAdjustStock();
        api.MapCreateProduct();
        api.MapImportProducts();
        api.MapUpdateProduct();
        api.MapPublishProduct();
        api.MapChangePrice();
        api.MapListProducts();
        api.MapGetProduct();
        api.MapGetProductImage();
        api.MapGetUploadedImage();
        api.MapListCatalogueForStaff();
    }
}
