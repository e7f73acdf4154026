namespace AddisPay.Products.Domain;

/// <summary>AddisPay:Products:Images.</summary>
public sealed class ProductImageOptions
{
    /// <summary>The largest picture taken, in bytes (2 MiB by default): a phone photo resized for the web fits well under it.</summary>
    public long MaxBytes { get; set; } = 2 * 1024 * 1024;
}
