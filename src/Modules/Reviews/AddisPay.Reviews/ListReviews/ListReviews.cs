using AddisPay.Reviews.Contracts;

namespace AddisPay.Reviews.ListReviews;

internal sealed record ListProductReviewsQuery(Guid ProductId, string Sort, int Page, int PageSize) : IQuery<ReviewPage>;

internal sealed class ListProductReviewsHandler(ReviewsDbContext db) : IQueryHandler<ListProductReviewsQuery, ReviewPage>
{
    public async ValueTask<ReviewPage> Handle(ListProductReviewsQuery q, CancellationToken ct)
    {
        // Only published reviews: pending, reported and hidden ones are never listed, nor any of an archived product.
        if (await db.ArchivedProducts.AnyAsync(a => a.ProductId == q.ProductId, ct)) return new ReviewPage([], q.Page, q.PageSize, 0);
        var query = db.Reviews.AsNoTracking().Where(r => r.ProductId == q.ProductId && r.Status == ReviewStatus.Published);
        var total = await query.CountAsync(ct);
        // Every order ends with the id, so pages are stable.
        query = q.Sort switch
        {
            "most_helpful" => query.OrderByDescending(r => r.HelpfulCount).ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id),
            "highest" => query.OrderByDescending(r => r.Rating).ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id),
            "lowest" => query.OrderBy(r => r.Rating).ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id),
            _ => query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
        };
        var items = await query.Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToListAsync(ct);
        return new ReviewPage(items.Select(ReviewView.From).ToList(), q.Page, q.PageSize, total);
    }
}

internal static class ListReviewsEndpoints
{
    public static readonly string[] Sorts = ["newest", "most_helpful", "highest", "lowest"];

    public static void MapListReviews(this IEndpointRouteBuilder api)
    {
        api.MapGet("/products/{productId:guid}", async (Guid productId, ISender sender, CancellationToken ct, string sort = "newest", int page = 1, int pageSize = 20) =>
            {
                var errors = Paging.Errors(page, pageSize, maxPageSize: 50);
                if (!Sorts.Contains(sort)) errors["sort"] = [$"Use one of: {string.Join(", ", Sorts)}."];
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                return Results.Ok(await sender.Send(new ListProductReviewsQuery(productId, sort, page, pageSize), ct));
            })
            .AllowAnonymous()
            .WithName("ListProductReviews")
            .WithSummary("A product's published reviews, a page at a time: newest, most_helpful, highest or lowest first; none once the product is archived.")
            .Produces<ReviewPage>()
            .ProducesValidationProblem();
    }
}
