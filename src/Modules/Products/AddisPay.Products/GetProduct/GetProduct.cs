using System.Security.Claims;
using AddisPay.Products.Catalogue;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Products.GetProduct;

internal sealed record GetProductQuery(string IdOrSlug, bool IncludeUnpublished) : IQuery<(ProductView View, string ETag)>;

internal sealed class GetProductHandler(ProductsDbContext db) : IQueryHandler<GetProductQuery, (ProductView, string)>
{
    public async ValueTask<(ProductView, string)> Handle(GetProductQuery q, CancellationToken ct)
    {
        // One query (a product has few variants): detail is the hottest read of a shop.
        var query = db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Category).Include(p => p.Rating);
        var product = Guid.TryParse(q.IdOrSlug, out var id)
            ? await query.FirstOrDefaultAsync(p => p.Id == id, ct)
            : await query.FirstOrDefaultAsync(p => p.Slug == q.IdOrSlug, ct);
        // Drafts and archived products don't exist for shoppers.
        if (product is null || (product.Status != ProductStatus.Published && !q.IncludeUnpublished))
            throw new NotFoundException($"Product '{q.IdOrSlug}' does not exist.");
        return (ProductView.From(product), ProductView.ETagOf(product));
    }
}

internal static class GetProductEndpoint
{
    public static void MapGetProduct(this IEndpointRouteBuilder api) =>
        api.MapGet("/{idOrSlug}", async (string idOrSlug, ClaimsPrincipal user, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var (view, etag) = await sender.Send(new GetProductQuery(idOrSlug, user.IsInRole(Roles.Admin)), ct);
                http.Response.Headers.ETag = etag;
                return Results.Ok(view);
            })
            .AllowAnonymous()
            .WithName("GetProduct")
            .WithSummary("A product by id or slug: variants with prices in ETB and stock, category, images. Sends an ETag.")
            .Produces<ProductView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
