namespace AddisPay.Products.GetUploadedImage;

/// <summary>An uploaded picture of a published product; drafts' and archived products' pictures are not shown to shoppers.</summary>
internal sealed record GetUploadedImageQuery(Guid ProductId, string Hash) : IQuery<StoredProductImage>;

internal sealed class GetUploadedImageHandler(ProductsDbContext db, IProductImageStore store) : IQueryHandler<GetUploadedImageQuery, StoredProductImage>
{
    public async ValueTask<StoredProductImage> Handle(GetUploadedImageQuery query, CancellationToken ct)
    {
        var published = await db.Products.AsNoTracking().AnyAsync(p => p.Id == query.ProductId && p.Status == ProductStatus.Published, ct);
        return (published ? await store.FindAsync(query.ProductId, query.Hash, ct) : null)
               ?? throw new NotFoundException("There is no such picture.");
    }
}

internal static class GetUploadedImageEndpoint
{
    /// <summary>
    /// The address names the bytes (their SHA-256), so what it answers never changes: browsers and shared caches keep it a
    /// year without asking again (immutable); one that asks anyway with the ETag gets a 304.
    /// </summary>
    private const string CacheControl = "public, max-age=31536000, immutable";

    public static void MapGetUploadedImage(this IEndpointRouteBuilder api) =>
        api.MapGet("/{id:guid}/images/{hash:regex(^[0-9a-f]{{64}}$)}", async (Guid id, string hash, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var image = await sender.Send(new GetUploadedImageQuery(id, hash), ct);
                var etag = $"\"{hash}\"";
                http.Response.Headers.ETag = etag;
                http.Response.Headers.CacheControl = CacheControl;
                if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && (v.Contains(etag) || v.Trim() == "*")))
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                return Results.Bytes(image.Content, image.ContentType);
            })
            .AllowAnonymous()
            .WithName("GetUploadedProductImage")
            .WithSummary("A picture staff uploaded for a published product (JPEG, PNG or WebP), at an address named by its SHA-256: cached for good (immutable), ETag, 304 to If-None-Match.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png", additionalContentTypes: ["image/jpeg", "image/webp"])
            .ProducesProblem(StatusCodes.Status404NotFound);
}
