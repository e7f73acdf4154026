using System.ComponentModel.DataAnnotations;
using AddisPay.Products.Data;
using AddisPay.Shared.Http;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Products.ListProducts;

public sealed record ProductPage(IReadOnlyList<ProductView> Items, int Page, int PageSize, int Total);

internal sealed record ListProductsQuery(int Page, int PageSize) : IQuery<ProductPage>;

internal sealed class ListProductsHandler(ProductsDbContext db) : IQueryHandler<ListProductsQuery, ProductPage>
{
    public async ValueTask<ProductPage> Handle(ListProductsQuery q, CancellationToken ct)
    {
        var query = db.Products.AsNoTracking();
        var total = await query.CountAsync(ct);
        // Newest first, id as tie-breaker so pages are stable.
        var items = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToListAsync(ct);
        return new ProductPage(items.Select(ProductView.From).ToList(), q.Page, q.PageSize, total);
    }
}

internal static class ListProductsEndpoint
{
    public static void MapListProducts(this IEndpointRouteBuilder api) =>
        api.MapGet("/", async (ISender sender, CancellationToken ct, int page = 1, int pageSize = 20) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (page < 1) errors["page"] = ["page starts at 1."];
                if (pageSize is < 1 or > 100) errors["pageSize"] = ["pageSize must be between 1 and 100."];
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                return Results.Ok(await sender.Send(new ListProductsQuery(page, pageSize), ct));
            })
            .AllowAnonymous()
            .WithName("ListProducts")
            .WithSummary("Lists the catalogue, newest first, a page at a time.")
            .Produces<ProductPage>()
            .ProducesValidationProblem();
}
