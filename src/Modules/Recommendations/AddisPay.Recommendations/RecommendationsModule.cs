using System.Reflection;
using AddisPay.Cart.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Products.Contracts;
using AddisPay.Recommendations.Tracking;
using AddisPay.Recommendations.Catalogue;
using AddisPay.Recommendations.Contracts;
using AddisPay.Recommendations.Data;
using AddisPay.Recommendations.Recompute;
using AddisPay.Recommendations.Serving;
using AddisPay.Reviews.Contracts;
using AddisPay.Shared.Modules;
using AddisPay.Users.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Recommendations;

/// <summary>
/// Recommendations: learns from views (its own tracking endpoint), cart additions, paid orders and ratings, keeps the
/// catalogue facts it needs from Products' events, and serves lists precomputed on a schedule. Schema
/// `recommendations`; it sends no requests to other modules, so it runs in its own pod on events alone.
/// </summary>
public sealed class RecommendationsModule : IModule
{
    public string Name => ModuleNames.Recommendations;
    public Assembly Contracts => typeof(GetProductRecommendations).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<RecommendationsDbContext>();
        var connectionString = module.ConnectionString;
        module.Services.AddSingleton(_ => new RecommendationsDatabase(connectionString));
        module.Services.AddSingleton<ModelRecompute>();

        module.Subscribe<ProductPublished, FollowCatalogue>();
        module.Subscribe<ProductUpdated, FollowCatalogue>();
        module.Subscribe<ProductArchived, FollowCatalogue>();
        module.Subscribe<StockDepleted, FollowCatalogue>();
        module.Subscribe<StockReplenished, FollowCatalogue>();
        module.Subscribe<CartItemAdded, RecordBehaviour>();
        module.Subscribe<OrderPaid, RecordBehaviour>();
        module.Subscribe<ProductRated, RecordBehaviour>();
        module.Subscribe<UserSignedIn, RecordBehaviour>();
        module.Subscribe<UserDeleted, RecordBehaviour>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapTrackView();
        api.MapRecommendations();
        api.MapRecompute();
    }
}
