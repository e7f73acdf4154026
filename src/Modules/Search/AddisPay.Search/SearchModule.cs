using System.Reflection;
using AddisPay.Products.Contracts;
using AddisPay.Reviews.Contracts;
using AddisPay.Search.Contracts;
using AddisPay.Search.IndexProducts;
using AddisPay.Search.IndexRatings;
using AddisPay.Search.Reindex;
using AddisPay.Search.SearchProducts;
using AddisPay.Search.Suggest;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Search;

/// <summary>
/// Search: its own read model of published products in schema `search` (EF Core for the schema, SQL for
/// full-text queries), fed only by Products' events (and Reviews' ratings), so it can run and scale in its own pod.
/// </summary>
public sealed class SearchModule : IModule
{
    public string Name => ModuleNames.Search;
    public Assembly Contracts => typeof(Contracts.SearchProducts).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<SearchDbContext>();
        module.Services.Configure<SearchOptions>(module.Configuration.GetSection("AddisPay:Search"));
        var connectionString = module.ConnectionString;
        module.Services.AddSingleton(_ => new SearchReads(connectionString));
        module.Services.AddSingleton<FacetCache>();
        module.Subscribe<ProductPublished, IndexProducts.IndexProducts>();
        module.Subscribe<ProductUpdated, IndexProducts.IndexProducts>();
        module.Subscribe<ProductArchived, IndexProducts.IndexProducts>();
        module.Subscribe<CategoryChanged, IndexProducts.IndexProducts>();
        module.Subscribe<ProductPriceChanged, IndexProducts.IndexProducts>();
        module.Subscribe<StockDepleted, IndexProducts.IndexProducts>();
        module.Subscribe<StockReplenished, IndexProducts.IndexProducts>();
        module.Subscribe<ProductRatingChanged, IndexRatings.IndexRatings>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapSearch();
        api.MapSuggest();
        api.MapReindex();
    }
}
