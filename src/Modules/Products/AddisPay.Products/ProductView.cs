using AddisPay.Products.Catalogue;

namespace AddisPay.Products;

/// <summary>A product as the public API shows it.</summary>
public sealed record ProductView(Guid Id, string Sku, string Name, string NameAm, string? Description, decimal PriceEtb,
    string Currency, int Available, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal static ProductView From(Product p) =>
        new(p.Id, p.Sku, p.Name, p.NameAm, p.Description, p.PriceEtb, "ETB", p.Available, p.CreatedAt, p.UpdatedAt);
}
