using System.ComponentModel;
using AddisPay.Products.ProductReadCache;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Products.ListProducts;

/// <param name="Total">How many products match: counted for numbered pages only (null on keyset pages, <c>after</c> or <c>count=false</c>).</param>
/// <param name="Next">The <c>after</c> of the next keyset page (newest and name orders), null on the last page.</param>
public sealed record ProductPage(IReadOnlyList<ProductView> Items, int Page, int PageSize, int? Total, string? Next = null);

public sealed record ProductFilter(string? Category, string? Brand, decimal? MinPriceEtb, decimal? MaxPriceEtb, bool? InStock, string Sort);

/// <param name="After">Keyset: the page after this cursor, no count (<see cref="ListingCursor"/>).</param>
/// <param name="Count">Whether to count the matches (numbered pages; a keyset page never counts).</param>
internal sealed record ListProductsQuery(ProductFilter Filter, int Page, int PageSize, ListingCursor? After = null, bool Count = true) : IQuery<ProductPage>;

internal sealed class ListProductsHandler(ProductsDbContext db, CatalogueReads reads) : IQueryHandler<ListProductsQuery, ProductPage>
{
    public async ValueTask<ProductPage> Handle(ListProductsQuery q, CancellationToken ct)
    {
        var f = q.Filter;
        if ((q.After is not null || !q.Count) && ListingSql.Serves(f.Sort, f.MinPriceEtb, f.MaxPriceEtb, f.InStock))
            return await UncountedNewestAsync(q, ct);
        var query = db.Products.AsNoTracking().Where(p => p.Status == ProductStatus.Published);
        if (f.Category is not null)
        {
            var ids = await CategoryTree.SelfAndDescendantsAsync(db, f.Category, ct);
            query = query.Where(p => p.CategoryId != null && ids.Contains(p.CategoryId.Value));
        }
        if (f.Brand is not null) query = query.Where(p => p.Brand == f.Brand);
        if (f.MinPriceEtb is { } min) query = query.Where(p => p.Variants.Any(v => v.PriceEtb >= min));
        if (f.MaxPriceEtb is { } max) query = query.Where(p => p.Variants.Any(v => v.PriceEtb <= max));
        if (f.InStock == true) query = query.Where(p => p.Variants.Any(v => v.OnHand - v.Reserved > 0));

        // Counting every match costs more than the page (15 ms of 100,000 published): only numbered pages that ask for it count.
        int? total = q.After is null && q.Count ? await query.CountAsync(ct) : null;
        if (q.After is { Sort: "newest" } newest)
            // The first condition repeats the second's bound alone, so the (Status, PublishedAt, Id) index starts at the cursor.
            query = query.Where(p => p.PublishedAt <= newest.PublishedAt)
                .Where(p => p.PublishedAt < newest.PublishedAt || (p.PublishedAt == newest.PublishedAt && p.Id.CompareTo(newest.Id) < 0));
        else if (q.After is { Sort: "name" } byName)
            query = query.Where(p => string.Compare(p.Name, byName.Name) >= 0)
                .Where(p => string.Compare(p.Name, byName.Name) > 0 || (p.Name == byName.Name && p.Id.CompareTo(byName.Id) > 0));
        // Every order ends with the id, so pages are stable.
        query = f.Sort switch
        {
            "price_asc" => query.OrderBy(p => p.Variants.Min(v => v.PriceEtb)).ThenBy(p => p.Id),
            "price_desc" => query.OrderByDescending(p => p.Variants.Min(v => v.PriceEtb)).ThenBy(p => p.Id),
            "name" => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
            _ => query.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id) // served by the (Status, PublishedAt, Id) index
        };
        var items = await query.Include(p => p.Variants).Include(p => p.Category).Include(p => p.Rating)
            .Skip(q.After is null ? (q.Page - 1) * q.PageSize : 0).Take(q.PageSize).ToListAsync(ct);
        var next = items.Count == q.PageSize && f.Sort is "newest" or "name" ? ListingCursor.After(items[^1], f.Sort).Encode() : null;
        return new ProductPage(items.Select(ProductView.From).ToList(), q.Page, q.PageSize, total, next);
    }

    /// <summary>A page without a count in the newest order: one prepared statement (<see cref="ListingSql"/>), the same page EF Core reads.</summary>
    private async Task<ProductPage> UncountedNewestAsync(ListProductsQuery q, CancellationToken ct)
    {
        var f = q.Filter;
        var categories = f.Category is null ? null : await CategoryTree.SelfAndDescendantsAsync(db, f.Category, ct);
        List<Product> items;
        await using (var conn = await reads.OpenAsync(ct))
            items = await ListingSql.PageAsync(conn, q.After, f.Brand, categories, q.After is null ? (q.Page - 1) * q.PageSize : 0, q.PageSize, ct);
        var next = items.Count == q.PageSize ? ListingCursor.After(items[^1], f.Sort).Encode() : null;
        return new ProductPage(items.Select(ProductView.From).ToList(), q.Page, q.PageSize, null, next);
    }
}

internal static class ListProductsEndpoint
{
    private static readonly string[] Sorts = ["newest", "price_asc", "price_desc", "name"];

    public static void MapListProducts(this IEndpointRouteBuilder api) =>
        api.MapGet("/", async (ISender sender, CancellationToken ct, int page = 1, int pageSize = 20, string? category = null, string? brand = null,
                decimal? minPriceEtb = null, decimal? maxPriceEtb = null, bool? inStock = null, string sort = "newest",
                [Description("Keyset paging: the next of the page before, unchanged (newest and name orders); the answer carries no total.")] string? after = null,
                [Description("Whether a numbered page counts every match into total (false skips the count; keyset pages never count).")] bool count = true,
                HttpContext? http = null) =>
            {
                var errors = Paging.Errors(page, pageSize);
                ListingCursor? cursor = null;
                if (after is not null && Sorts.Contains(sort) && (cursor = ListingCursor.Decode(after, sort)) is null)
                    errors["after"] = [sort is "newest" or "name" ? "Use the next value of the page before, unchanged, with the same sort." : "Keyset pages follow the newest or name order; use page for price orders."];
                if (!Sorts.Contains(sort)) errors["sort"] = [$"Use one of: {string.Join(", ", Sorts)}."];
                if (minPriceEtb < 0 || maxPriceEtb < 0 || minPriceEtb > maxPriceEtb) errors["minPriceEtb"] = ["Use a price range with 0 <= min <= max."];
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                var listed = await sender.Send(new ListProductsQuery(new ProductFilter(category, brand, minPriceEtb, maxPriceEtb, inStock, sort), page, pageSize, cursor, count), ct);
                // Pages without a count are kept for anonymous shoppers like product detail (ProductReadCache); a counted page
                // would go stale with every publication anywhere, so it is not kept.
                if (listed.Total is null) AnonymousProductReads.TagListing(http!, listed.Items.Select(i => i.Id));
                else AnonymousProductReads.DoNotKeep(http!);
                return Results.Ok(listed);
            })
            .CacheOutput(AnonymousProductReads.Name)
            .AllowAnonymous()
            .WithName("ListProducts")
            .WithSummary("Published products, a page at a time, filtered by category (with its subcategories), brand, price and stock. Numbered pages (page) carry the total; keyset pages (after = the previous page's next; count=false for the first) skip counting and stay exact while products are added.")
            .Produces<ProductPage>()
            .ProducesValidationProblem();
}
