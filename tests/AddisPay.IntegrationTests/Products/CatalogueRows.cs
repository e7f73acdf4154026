using AddisPay.Products.Domain;

namespace AddisPay.IntegrationTests.Products;

/// <summary>Products as the SQL families' read-back tests save them through the context: fresh ids, slugs and SKUs.</summary>
internal static class CatalogueRows
{
        public static readonly DateTimeOffset At = SqlFamilies.Now;

    public static string NewSku() => "SQL-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    public static Product NewProduct(params Variant[] variants)
    {
        var id = Guid.NewGuid();
        var product = new Product
        {
            Id = id, Slug = $"sql-{id:N}", Name = "Yirgacheffe coffee", NameAm = "የይርጋጨፌ ቡና", Brand = "Addis Roast",
            Images = ["https://img.example/a.jpg", "https://img.example/b.jpg"],
            Attributes = new() { ["origin"] = "Gedeo", ["roast"] = "medium" },
            Status = ProductStatus.Published, CreatedAt = At, UpdatedAt = At.AddMinutes(1), PublishedAt = At
        };
        foreach (var variant in variants.Length > 0 ? variants : [NewVariant(onHand: 10)])
        {
            variant.Id = variant.Id == Guid.Empty ? Guid.NewGuid() : variant.Id;
            variant.ProductId = id;
            product.Variants.Add(variant);
        }
        return product;
    }

    public static Variant NewVariant(int onHand, int reserved = 0, decimal price = 450.50m, Dictionary<string, string>? options = null) => new()
    {
        Sku = NewSku(), OnHand = onHand, Reserved = reserved, PriceEtb = price, Options = options ?? new() { ["weight"] = "500 g" }
    };
}
