using AddisPay.Shared.Contracts;

namespace AddisPay.Products.Contracts;

public sealed record ProductVariant(string Sku, IReadOnlyDictionary<string, string> Options, decimal PriceEtb, int Available);

/// <summary>Where a product sits in the category tree, root first.</summary>
public sealed record CategoryPath(IReadOnlyList<string> Slugs, IReadOnlyList<string> Names, IReadOnlyList<string> NamesAm);

/// <summary>A product became visible and sellable.</summary>
public sealed record ProductPublished(Guid ProductId, string Slug, string Name, string NameAm, string? Description, string? DescriptionAm,
    string? Brand, CategoryPath? Category, IReadOnlyList<string> Images, IReadOnlyList<ProductVariant> Variants, DateTimeOffset PublishedAt) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}

/// <summary>A published product's descriptive data changed (names, description, brand, category, images, attributes).</summary>
public sealed record ProductUpdated(Guid ProductId, string Slug, string Name, string NameAm, string? Description, string? DescriptionAm,
    string? Brand, CategoryPath? Category, IReadOnlyList<string> Images) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}

/// <summary>
/// A category was renamed or moved: its path from the root as it is now. A move raises one for the category and one for
/// each category below it (their paths changed too); the slugs never change, so a path is found by its last slug.
/// </summary>
public sealed record CategoryChanged(Guid CategoryId, string Slug, CategoryPath Path) : IntegrationEvent
{
    public override Guid StreamId => CategoryId;
}

/// <summary>A product is no longer sold; carts and search drop it.</summary>
public sealed record ProductArchived(Guid ProductId) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}

/// <summary>A variant's unit price changed. Carts reprice their lines and tell the customer.</summary>
public sealed record ProductPriceChanged(Guid ProductId, decimal OldPriceEtb, decimal NewPriceEtb, string Sku = "") : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}

/// <summary>A variant's available quantity changed (restock, adjustment, reservation, release, sale).</summary>
public sealed record StockChanged(Guid ProductId, string Sku, int OnHand, int Reserved, int Available, string Reason) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}

/// <summary>A variant fell to the low-stock threshold or below (still available).</summary>
public sealed record StockLow(Guid ProductId, string Sku, int Available) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}

/// <summary>A variant can no longer be bought.</summary>
public sealed record StockDepleted(Guid ProductId, string Sku) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}

/// <summary>A variant that was out of stock can be bought again (for back-in-stock notifications).</summary>
public sealed record StockReplenished(Guid ProductId, string Sku, int Available) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}
