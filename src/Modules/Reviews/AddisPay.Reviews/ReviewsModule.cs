using System.Reflection;
using AddisPay.Orders.Contracts;
using AddisPay.Products.Contracts;
using AddisPay.Reviews.HideReviewsOfArchivedProducts;
using AddisPay.Reviews.Contracts;
using AddisPay.Reviews.DeleteReview;
using AddisPay.Reviews.EditReview;
using AddisPay.Reviews.EraseReviewsOfDeletedUser;
using AddisPay.Reviews.HelpfulVotes;
using AddisPay.Reviews.GetMyReviews;
using AddisPay.Reviews.GetRatingSummary;
using AddisPay.Reviews.GetReview;
using AddisPay.Reviews.ListModerationQueue;
using AddisPay.Reviews.ListReviews;
using AddisPay.Reviews.ModerateReview;
using AddisPay.Reviews.GetProductReviewsForShops;
using AddisPay.Reviews.ReportReview;
using AddisPay.Reviews.RecordPurchases;
using AddisPay.Reviews.WithdrawRefundedPurchases;
using AddisPay.Reviews.WriteReview;
using AddisPay.Shared.Modules;
using AddisPay.Users.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Reviews;

/// <summary>
/// Reviews: one review per customer and product, verified purchases (from Orders' payments), helpful votes,
/// reports and moderation, and each product's rating summary, published as ProductRatingChanged, with each customer's
/// visible rating as ProductRated. A full refund takes back the verified mark; an archived product's reviews leave the
/// listing. Schema `reviews`, EF Core.
/// </summary>
public sealed class ReviewsModule : IModule
{
    public string Name => ModuleNames.Reviews;
    public Assembly Contracts => typeof(ProductRatingChanged).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<ReviewsDbContext>();
        module.Services.Configure<ReviewsOptions>(module.Configuration.GetSection("AddisPay:Reviews"));
        module.Subscribe<OrderPaid, RecordPurchases.RecordPurchases>();
        module.Subscribe<OrderRefunded, WithdrawRefundedPurchases.WithdrawRefundedPurchases>();
        module.Subscribe<ProductArchived, HideReviewsOfArchivedProducts.HideReviewsOfArchivedProducts>();
        module.Subscribe<UserDeleted, EraseReviewsOfDeletedUser.EraseReviewsOfDeletedUser>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapListModerationQueue();
        api.MapModerateReview();
        api.MapGetMyReviews();
        api.MapGetReview();
        api.MapListReviews();
        api.MapGetRatingSummary();
        api.MapWriteReview();
        api.MapEditReview();
        api.MapDeleteReview();
        api.MapHelpfulVotes();
        api.MapReportReview();
    }
}
