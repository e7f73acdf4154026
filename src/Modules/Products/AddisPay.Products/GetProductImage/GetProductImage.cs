using AddisPay.Products.GetProduct;
using Microsoft.Net.Http.Headers;

namespace AddisPay.Products.GetProductImage;

internal static class GetProductImageEndpoint
{
    /// <summary>
    /// A week in browsers and shared caches, then revalidated with the ETag: the picture changes only when the product's
    /// name or category does, and a 304 costs a product lookup and no body.
    /// </summary>
    private const string CacheControl = "public, max-age=604800, stale-while-revalidate=86400";

    public static void MapGetProductImage(this IEndpointRouteBuilder api) =>
        api.MapGet("/{id:guid}/image.svg", async (Guid id, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                // Shoppers' pictures: published products only, as the product page (a draft's 404 is the same as no product's).
                var (product, _) = await sender.Send(new GetProductQuery(id.ToString(), IncludeUnpublished: false), ct);
                var svg = ProductArt.Svg(product.Name, product.NameAm, product.Category?.Slug);
                var etag = ProductArt.ETagOf(svg);
                http.Response.Headers.ETag = etag;
                http.Response.Headers.CacheControl = CacheControl;
                if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && (v.Contains(etag) || v.Trim() == "*")))
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                return Results.Text(svg, "image/svg+xml; charset=utf-8");
            })
            .AllowAnonymous()
            .WithName("GetProductImage")
            .WithSummary("A drawn picture of a published product (SVG from its name and category), for products without a photo. Sends an ETag; answers 304 to If-None-Match.")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
