using Mediator;

namespace AddisPay.Products.Contracts;

/// <summary>
/// A published product as a shop page shows it, by id or slug: both languages, every variant with its price and stock.
/// Null when no such product is sold (drafts and archived products do not exist for shoppers).
/// </summary>
public sealed record GetProductDetail(string IdOrSlug) : IQuery<ProductDetail?>;

/// <param name="Variants">Cheapest first.</param>
public sealed record ProductDetail(Guid ProductId, string Slug, string Name, string NameAm, string? Description, string? DescriptionAm,
    string? Brand, string? CategorySlug, string? CategoryName, string? CategoryNameAm, IReadOnlyList<string> Images,
    IReadOnlyList<ProductVariant> Variants, decimal? Rating, int RatingCount);

/// <summary>The category tree, for a shop's navigation: root categories first, in their sort order.</summary>
public sealed record GetCategoryTree : IQuery<IReadOnlyList<CategoryEntry>>;

public sealed record CategoryEntry(string Slug, string Name, string NameAm, IReadOnlyList<CategoryEntry> Children);
