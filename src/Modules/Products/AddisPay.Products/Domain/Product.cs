using AddisPay.Products.Contracts;

namespace AddisPay.Products.Domain;

public enum ProductStatus { Draft, Published, Archived }

/// <summary>
/// A catalogue entry in English and Amharic with one or more variants (SKUs), each with its own price in
/// ETB and its own stock. Only published products are shown and sold.
/// </summary>
internal sealed class Product
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameAm { get; set; } = "";
    public string? Description { get; set; }
    public string? DescriptionAm { get; set; }
    public string? Brand { get; set; }
    public Guid? CategoryId { get; set; }
    public Category? Category { get; set; }
    public List<string> Images { get; set; } = [];
    public Dictionary<string, string> Attributes { get; set; } = new();
    public ProductStatus Status { get; set; }
    public List<Variant> Variants { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>PostgreSQL's row version: the ETag of the product and the optimistic-concurrency token.</summary>
    public uint Version { get; set; }
    public ProductRating? Rating { get; set; }
    /// <summary>The idempotency key of the back-office form that created it: the same form sent twice makes one product.</summary>
    public string? CreationKey { get; set; }

    public int Available => Variants.Sum(v => v.Available);

    public ProductPublished Publish(DateTimeOffset now, CategoryPath? category)
    {
        if (Status == ProductStatus.Archived) throw new ConflictException("An archived product cannot be published again; create a new one.");
        if (Variants.Count == 0) throw new ConflictException("A product needs at least one variant to be published.");
        Status = ProductStatus.Published;
        PublishedAt ??= now;
        UpdatedAt = now;
        return CategoryPaths.Published(this, category);
    }

    public ProductArchived Archive(DateTimeOffset now)
    {
        Status = ProductStatus.Archived;
        UpdatedAt = now;
        return new ProductArchived(Id);
    }
}

/// <summary>A sellable SKU of a product (say, size L in red): its own price and stock.</summary>
internal sealed class Variant
{
    public const int LowStockThreshold = 5;

    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    public string Sku { get; set; } = "";
    public Dictionary<string, string> Options { get; set; } = new();
    public decimal PriceEtb { get; set; }
    public int OnHand { get; set; }
    public int Reserved { get; set; }
    public uint Version { get; set; }

    public int Available => OnHand - Reserved;

    public ProductVariant ToContract() => new(Sku, Options, PriceEtb, Available);
}

/// <summary>A node of the category tree (slug, parent, sort order), named in English and Amharic.</summary>
internal sealed class Category
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameAm { get; set; } = "";
    public Guid? ParentId { get; set; }
    public int SortOrder { get; set; }
}
