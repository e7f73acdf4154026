namespace AddisPay.Products.Contracts;

/// <summary>
/// Where Products serves a drawn picture of any published product (an SVG from its name and category), for the demo
/// catalogue and for products nobody uploaded a photo of. A configured image URL always comes first.
/// </summary>
public static class ProductImages
{
    /// <summary>The drawn picture's side in pixels, so pages can reserve its space before it loads.</summary>
    public const int Size = 400;

    public static string Drawn(Guid productId) => $"/api/products/{productId}/image.svg";

    /// <summary>The product's first configured image, or its drawn picture when it has none.</summary>
    public static string For(Guid productId, IReadOnlyList<string>? images) =>
        images is { Count: > 0 } && !string.IsNullOrWhiteSpace(images[0]) ? images[0] : Drawn(productId);

    public static string For(Guid productId, string? image) => string.IsNullOrWhiteSpace(image) ? Drawn(productId) : image;

    /// <summary>
    /// Where Products serves a picture staff uploaded: named by the SHA-256 of its bytes, so the address changes when the
    /// picture does and caches may keep it for good.
    /// </summary>
    public static string Uploaded(Guid productId, string hash) => $"/api/products/{productId}/images/{hash}";

    /// <summary>The hash in <paramref name="url"/> when it is an uploaded picture of this product; null otherwise.</summary>
    public static string? UploadedHash(Guid productId, string url)
    {
        var prefix = $"/api/products/{productId}/images/";
        return url.StartsWith(prefix, StringComparison.Ordinal) && url.Length == prefix.Length + 64 && url[prefix.Length..].All(Uri.IsHexDigit)
            ? url[prefix.Length..] : null;
    }
}

/// <summary>What Products accepts as an uploaded picture, for a form to say so before the upload.</summary>
public sealed record GetProductImageRules : Mediator.IQuery<ProductImageRules>;

/// <param name="MaxBytes">The largest picture taken (AddisPay:Products:Images:MaxBytes).</param>
/// <param name="ContentTypes">The formats taken, known by their bytes.</param>
public sealed record ProductImageRules(long MaxBytes, IReadOnlyList<string> ContentTypes);
