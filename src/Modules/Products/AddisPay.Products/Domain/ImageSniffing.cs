namespace AddisPay.Products.Domain;

/// <summary>
/// What a file is, from its first bytes (its "magic number"), never from its name or the type the browser claimed: a
/// script named photo.jpg is not a photo. Only the formats every browser shows are taken: JPEG, PNG, WebP.
/// </summary>
internal static class ImageSniffing
{
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Riff => "RIFF"u8;
    private static ReadOnlySpan<byte> Webp => "WEBP"u8;

    /// <summary>image/png, image/jpeg or image/webp; null for anything else (empty, truncated, another format).</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Png)) return "image/png";
        if (content.StartsWith(Jpeg)) return "image/jpeg";
        // RIFF, the chunk's length (4 bytes, little-endian), then the form type WEBP.
        if (content.Length >= 12 && content.StartsWith(Riff) && content[8..12].SequenceEqual(Webp)) return "image/webp";
        return null;
    }

    public static string ExtensionOf(string contentType) => contentType switch
    {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        _ => "bin"
    };
}
