namespace AddisPay.Notifications.Domain;

/// <summary>A customer asked to be told when a product (or one of its variants) can be bought again. Removed once told.</summary>
internal sealed class ProductWatch
{
    public Guid UserId { get; set; }
    public Guid ProductId { get; set; }
    /// <summary>Null: any variant of the product.</summary>
    public string? Sku { get; set; }
    public string ProductName { get; set; } = "";
    public string ProductNameAm { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record WatchView(Guid ProductId, string? Sku, string ProductName, string ProductNameAm, DateTimeOffset CreatedAt);

internal static class ProductWatchViews
{
    public static WatchView ToView(this ProductWatch w) => new(w.ProductId, w.Sku, w.ProductName, w.ProductNameAm, w.CreatedAt);
}
