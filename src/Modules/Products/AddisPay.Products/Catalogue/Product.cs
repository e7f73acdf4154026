using AddisPay.Products.Contracts;
using AddisPay.Shared.Contracts;

namespace AddisPay.Products.Catalogue;

/// <summary>A sellable product with one price in ETB and its stock on hand.</summary>
internal sealed class Product
{
    private Product() { }

    public Guid Id { get; private set; }
    public string Sku { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameAm { get; private set; } = "";
    public string? Description { get; private set; }
    public decimal PriceEtb { get; private set; }
    public int StockOnHand { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public int Available => StockOnHand;

    public static (Product, ProductCreated) Create(string sku, string name, string nameAm, string? description, decimal priceEtb, int stock)
    {
        var now = DateTimeOffset.UtcNow;
        var p = new Product
        {
            Id = Guid.CreateVersion7(), Sku = sku.Trim().ToUpperInvariant(), Name = name.Trim(), NameAm = nameAm.Trim(),
            Description = description?.Trim(), PriceEtb = priceEtb, StockOnHand = stock, CreatedAt = now, UpdatedAt = now
        };
        return (p, new ProductCreated(p.Id, p.Sku, p.Name, p.NameAm, p.PriceEtb, p.Available));
    }

    /// <summary>Returns the event to publish, or null when the price is unchanged (a retried request changes nothing).</summary>
    public ProductPriceChanged? ChangePrice(decimal newPriceEtb)
    {
        if (newPriceEtb <= 0) throw new ValidationFailedException("priceEtb", "The price must be greater than zero.");
        if (newPriceEtb == PriceEtb) return null;
        var old = PriceEtb;
        PriceEtb = newPriceEtb;
        UpdatedAt = DateTimeOffset.UtcNow;
        return new ProductPriceChanged(Id, old, newPriceEtb);
    }

    public ProductOffer ToOffer() => new(Id, Sku, Name, NameAm, PriceEtb, Available, Available > 0);
}
