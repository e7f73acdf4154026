using System.Reflection;
using AddisPay.Products.Categories;
using AddisPay.Products.GetCategoryTreeForShops;
using AddisPay.Products.ChangePrice;
using AddisPay.Products.Contracts;
using AddisPay.Products.CreateProduct;
using AddisPay.Products.Data;
using AddisPay.Products.DemoCatalogue;
using AddisPay.Products.GetProduct;
using AddisPay.Products.GetProductDetailHandler;
using AddisPay.Products.AddProductImageHandler;
using AddisPay.Products.ImportProducts;
using AddisPay.Products.Reservations;
using AddisPay.Products.ReturnSoldUnitsHandler;
using AddisPay.Products.StockLevels;
using AddisPay.Products.SweepExpiredReservations;
using AddisPay.Products.Domain;
using AddisPay.Products.ListCatalogueForStaff;
using AddisPay.Products.ListProducts;
using AddisPay.Products.PublishProduct;
using AddisPay.Products.ShowRatings;
using AddisPay.Reviews.Contracts;
using AddisPay.Products.UpdateProduct;
using AddisPay.Shared.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
        module.Services.AddScoped<CatalogueImport>();
        // Uploaded pictures in PostgreSQL; an object store replaces this registration (IProductImageStore), nothing else.
        module.Services.AddScoped<IProductImageStore, PostgresProductImageStore>();
        module.Services.Configure<ProductImageOptions>(module.Configuration.GetSection("AddisPay:Products:Images"));
        module.Services.AddScoped<IDemoData, DemoCatalogue.DemoCatalogue>();
        module.Subscribe<ProductRatingChanged, ShowRatings.ShowRatings>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapCategories();
        api.MapStock();
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
