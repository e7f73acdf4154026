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
}
