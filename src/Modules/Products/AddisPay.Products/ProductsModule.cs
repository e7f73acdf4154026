using System.Reflection;
using AddisPay.Products.ChangePrice;
using AddisPay.Products.Contracts;
using AddisPay.Products.CreateProduct;
using AddisPay.Products.Data;
using AddisPay.Products.Demo;
using AddisPay.Products.GetProduct;
using AddisPay.Products.ListProducts;
using AddisPay.Shared.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Products;

/// <summary>Products: the catalogue, prices in ETB and stock. Schema `products`, EF Core.</summary>
public sealed class ProductsModule : IModule
{
    public string Name => ModuleNames.Products;
    public Assembly Contracts => typeof(GetProductOffer).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<ProductsDbContext>();
        module.Services.AddScoped<IDemoData, DemoCatalogue>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapCreateProduct();
        api.MapListProducts();
        api.MapGetProduct();
        api.MapChangePrice();
    }
}
