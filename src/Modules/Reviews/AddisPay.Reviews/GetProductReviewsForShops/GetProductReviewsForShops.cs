using AddisPay.Reviews.Contracts;
using AddisPay.Reviews.GetRatingSummary;
using AddisPay.Reviews.ListReviews;

namespace AddisPay.Reviews.GetProductReviewsForShops;

/// <summary>The product page's reviews for another module (the storefront): the API's summary and list queries, answered together.</summary>
internal sealed class GetProductReviewsHandler(ISender sender) : IQueryHandler<GetProductReviews, ProductReviews>
{
    public async ValueTask<ProductReviews> Handle(GetProductReviews query, CancellationToken ct)
    {
        var errors = AddisPay.Shared.Http.Paging.Errors(query.Page, query.PageSize, maxPageSize: 50);
        if (!ListReviewsEndpoints.Sorts.Contains(query.Sort)) errors["sort"] = [$"Use one of: {string.Join(", ", ListReviewsEndpoints.Sorts)}."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var summary = await sender.Send(new GetRatingSummaryQuery(query.ProductId), ct);
        var page = await sender.Send(new ListProductReviewsQuery(query.ProductId, query.Sort, query.Page, query.PageSize), ct);
        return new ProductReviews(query.ProductId, summary.Average, summary.Count, summary.Distribution,
            page.Items.Select(r => new ProductReview(r.Id, r.Rating, r.Title, r.Text, r.Language, r.VerifiedPurchase, r.HelpfulCount, r.CreatedAt)).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}
