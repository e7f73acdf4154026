namespace AddisPay.Products.GetCategoryTree;

/// <summary>Also asked by <c>GetCategoryTreeForShops</c>, the same tree through Contracts.</summary>
internal sealed record GetCategoryTreeQuery : IQuery<IReadOnlyList<CategoryNode>>;

internal sealed class GetCategoryTreeHandler(ProductsDbContext db) : IQueryHandler<GetCategoryTreeQuery, IReadOnlyList<CategoryNode>>
{
    public async ValueTask<IReadOnlyList<CategoryNode>> Handle(GetCategoryTreeQuery query, CancellationToken ct) =>
        CategoryTree.Build(await db.Categories.AsNoTracking().ToListAsync(ct));
}

internal static class GetCategoryTreeEndpoint
{
    public static void MapGetCategoryTree(this IEndpointRouteBuilder api) =>
        api.MapGet("/categories", async (ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new GetCategoryTreeQuery(), ct)))
            .AllowAnonymous().WithName("GetCategoryTree").WithSummary("The category tree, in English and Amharic.")
            .Produces<IReadOnlyList<CategoryNode>>();
}
