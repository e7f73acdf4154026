using System.Reflection;
using AddisPay.Cart.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Products.Contracts;
using AddisPay.Recommendations.RecordBehaviour;
using AddisPay.Recommendations.FollowCatalogue;
using AddisPay.Recommendations.Contracts;
using AddisPay.Recommendations.GetPopularProducts;
using AddisPay.Recommendations.GetProductRecommendations;
using AddisPay.Recommendations.GetRecommendationsForUser;
using AddisPay.Reviews.Contracts;
using AddisPay.Shared.Modules;
using AddisPay.Users.Contracts;
using Microsoft.Extensions.DependencyInjection;
using AddisPay.Recommendations.Recompute;
using AddisPay.Recommendations.TrackView;

namespace AddisPay.Recommendations;

/// <summary>
/// Recommendations: learns from views (its own tracking endpoint), cart additions, paid orders and ratings, keeps the
/// catalogue facts it needs from Products' events, and serves lists precomputed on a schedule. Schema
/// `recommendations`; it sends no requests to other modules, so it runs in its own pod on events alone.
/// </summary>
public sealed class RecommendationsModule : IModule
{
    public string Name => ModuleNames.Recommendations;
    public Assembly Contracts => typeof(AddisPay.Recommendations.Contracts.GetProductRecommendations).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<RecommendationsDbContext>();
        var connectionString = module.ConnectionString;
        module.Services.AddSingleton(_ => new RecommendationsDatabase(connectionString));
        module.Services.AddSingleton<ModelRecompute>();

        module.Subscribe<ProductPublished, FollowCatalogue.FollowCatalogue>();
        module.Subscribe<ProductUpdated, FollowCatalogue.FollowCatalogue>();
        module.Subscribe<ProductArchived, FollowCatalogue.FollowCatalogue>();
        module.Subscribe<StockDepleted, FollowCatalogue.FollowCatalogue>();
        module.Subscribe<StockReplenished, FollowCatalogue.FollowCatalogue>();
        module.Subscribe<CartItemAdded, RecordBehaviour.RecordBehaviour>();
        module.Subscribe<OrderPaid, RecordBehaviour.RecordBehaviour>();
        module.Subscribe<ProductRated, RecordBehaviour.RecordBehaviour>();
        module.Subscribe<UserSignedIn, RecordBehaviour.RecordBehaviour>();
        module.Subscribe<UserDeleted, RecordBehaviour.RecordBehaviour>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapTrackView();
        api.MapProductRecommendations();
        api.MapPopularProducts();
        api.MapRecommendationsForMe();
        api.MapRecompute();
    }
}
