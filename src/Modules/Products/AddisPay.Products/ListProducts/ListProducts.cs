using AddisPay.Shared.Http;
using AddisPay.Products.Domain;
using AddisPay.Products.Categories;
using AddisPay.Products.Data;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Products.ListProducts;

public sealed record ProductPage(IReadOnlyList<ProductView> Items, int Page, int PageSize, int Total);

public sealed record ProductFilter(string? Category, string? Brand, decimal? MinPriceEtb, decimal? MaxPriceEtb, bool? InStock, string Sort);

internal sealed record ListProductsQuery(ProductFilter Filter, int Page, int PageSize) : IQuery<ProductPage>;

internal sealed class ListProductsHandler(ProductsDbContext db) : IQueryHandler<ListProductsQuery, ProductPage>
{
    public async ValueTask<ProductPage> Handle(ListProductsQuery q, CancellationToken ct)
    {
        var f = q.Filter;
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

        var total = await query.CountAsync(ct);
        // Every order ends with the id, so pages are stable.
        query = f.Sort switch
        {
            "price_asc" => query.OrderBy(p => p.Variants.Min(v => v.PriceEtb)).ThenBy(p => p.Id),
            "price_desc" => query.OrderByDescending(p => p.Variants.Min(v => v.PriceEtb)).ThenBy(p => p.Id),
            "name" => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
            _ => query.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id) // served by the (Status, PublishedAt, Id) index
        };
        var items = await query.Include(p => p.Variants).Include(p => p.Category).Include(p => p.Rating)
            .Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToListAsync(ct);
        return new ProductPage(items.Select(ProductView.From).ToList(), q.Page, q.PageSize, total);
    }
}

internal static class ListProductsEndpoint
{
    private static readonly string[] Sorts = ["newest", "price_asc", "price_desc", "name"];

    public static void MapListProducts(this IEndpointRouteBuilder api) =>
        api.MapGet("/", async (ISender sender, CancellationToken ct, int page = 1, int pageSize = 20, string? category = null, string? brand = null,
                decimal? minPriceEtb = null, decimal? maxPriceEtb = null, bool? inStock = null, string sort = "newest") =>
            {
                var errors = Paging.Errors(page, pageSize);
                if (!Sorts.Contains(sort)) errors["sort"] = [$"Use one of: {string.Join(", ", Sorts)}."];
                if (minPriceEtb < 0 || maxPriceEtb < 0 || minPriceEtb > maxPriceEtb) errors["minPriceEtb"] = ["Use a price range with 0 <= min <= max."];
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                return Results.Ok(await sender.Send(new ListProductsQuery(new ProductFilter(category, brand, minPriceEtb, maxPriceEtb, inStock, sort), page, pageSize), ct));
            })
            .AllowAnonymous()
            .WithName("ListProducts")
            .WithSummary("Published products, a page at a time, filtered by category (with its subcategories), brand, price and stock.")
            .Produces<ProductPage>()
            .ProducesValidationProblem();
}
