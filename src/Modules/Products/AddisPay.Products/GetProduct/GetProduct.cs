using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using AddisPay.Products.ProductReadCache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.AspNetCore.Mvc;

namespace AddisPay.Products.GetProduct;

internal sealed record GetProductQuery(string IdOrSlug, bool IncludeUnpublished) : IQuery<(ProductView View, string ETag)>;

/// <summary>Product detail on a <see cref="CatalogueReads"/> connection (<see cref="ProductDetailSql"/>).</summary>
internal sealed class GetProductHandler(CatalogueReads reads) : IQueryHandler<GetProductQuery, (ProductView, string)>
{
    public async ValueTask<(ProductView, string)> Handle(GetProductQuery q, CancellationToken ct)
    {
        Product? product;
        await using (var conn = await reads.OpenAsync(ct))
            product = await ProductDetailSql.FindAsync(conn, q.IdOrSlug, ct);
        // Drafts and archived products don't exist for shoppers.
        if (product is null || (product.Status != ProductStatus.Published && !q.IncludeUnpublished))
            throw new NotFoundException($"Product '{q.IdOrSlug}' does not exist.");
        return (ProductView.From(product), ProductView.ETagOf(product));
    }
}

internal static class GetProductEndpoint
{
    public static void MapGetProduct(this IEndpointRouteBuilder api) =>
        // {id} like the product's other routes, so the API document has one /api/products/{id} path (two templates of the
        // same shape, {id} and {idOrSlug}, are one URL to a client); the value may still be the slug.
        api.MapGet("/{id}", async ([FromRoute(Name = "id")][Description("The product's id, or its slug.")] string idOrSlug, ClaimsPrincipal user, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var (view, version) = await sender.Send(new GetProductQuery(idOrSlug, user.IsInRole(Roles.Admin)), ct);
                var body = JsonSerializer.SerializeToUtf8Bytes(view, http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
                var etag = ProductView.ReadETagOf(version, body);
                http.Response.Headers.ETag = etag;
                AnonymousProductReads.TagResponse(http, view.Id);
                if (http.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Tag == etag || tag.Tag == "*"))
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                return Results.Bytes(body, "application/json; charset=utf-8");
            })
            .CacheOutput(AnonymousProductReads.Name)
            .AllowAnonymous()
            .WithName("GetProduct")
            .WithSummary("A product by id or slug: variants with prices in ETB and stock, category, images. Sends an ETag (the If-Match of a change); answers 304 to If-None-Match. Kept for anonymous shoppers until the product changes.")
            .Produces<ProductView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
