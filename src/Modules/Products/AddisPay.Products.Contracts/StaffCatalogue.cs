using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Products.Contracts;

// Staff keeping the catalogue from a back office (another module): the use cases of Products' admin API, as Contracts.
// The caller checked the staff member's role (admin). Changes that could be sent twice by a double submit are safe to
// repeat: a new product carries an IdempotencyKey (one per form shown), and the other changes are idempotent by their
// nature (the same text, status or picture again changes nothing and answers Replayed).

/// <summary>
/// The catalogue as staff page through it, drafts and archived products included, newest first by a stable key (the
/// product id): <paramref name="After"/> the last id of a page for the next one, <paramref name="Before"/> the first id
/// for the previous one (never both). No total is counted: paging stays as cheap on page 4,000 as on page 1.
/// </summary>
/// <param name="Search">Part of the English or Amharic name, a slug, or a SKU (exactly).</param>
/// <param name="Status">draft, published or archived; null for all.</param>
/// <param name="CategorySlug">The category itself (not its subcategories).</param>
/// <param name="Stock">low (some variant has at most <see cref="StaffCatalogue.LowStock"/> available) or out (some variant has none).</param>
public sealed record ListCatalogueForStaff(string? Search = null, string? Status = null, string? CategorySlug = null, string? Stock = null,
    Guid? After = null, Guid? Before = null, int PageSize = 25) : IQuery<StaffCataloguePage>;

/// <param name="Next">The key to ask <c>After</c> for the next page; null on the last.</param>
/// <param name="Previous">The key to ask <c>Before</c> for the previous page; null on the first.</param>
public sealed record StaffCataloguePage(IReadOnlyList<StaffProductRow> Items, Guid? Next, Guid? Previous);

/// <param name="Available">Units that can be bought now, all variants together.</param>
/// <param name="LowestAvailable">The least available of its variants (what a low-stock filter looks at).</param>
public sealed record StaffProductRow(Guid ProductId, string Slug, string Name, string NameAm, string Status, string? CategorySlug, int Variants,
    decimal PriceEtb, int Available, int LowestAvailable, DateTimeOffset UpdatedAt);

/// <summary>Any product by id, drafts included; null when there is none.</summary>
public sealed record GetProductForStaff(Guid ProductId) : IQuery<StaffProduct?>;

/// <param name="Version">The product's concurrency token: send it back with <see cref="UpdateProductForStaff"/>.</param>
/// <param name="Images">Its pictures in order; uploaded ones are served by Products at <see cref="StaffProductImage.Url"/>.</param>
public sealed record StaffProduct(Guid ProductId, string Slug, string Name, string NameAm, string? Description, string? DescriptionAm, string? Brand,
    string? CategorySlug, string Status, IReadOnlyList<StaffVariant> Variants, IReadOnlyList<StaffProductImage> Images, uint Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);

/// <param name="PriceEtb">Unit price in birr before 15% VAT (VAT is added on the bill at checkout).</param>
public sealed record StaffVariant(string Sku, IReadOnlyDictionary<string, string> Options, decimal PriceEtb, int OnHand, int Reserved);

/// <param name="Hash">For an uploaded picture: the SHA-256 of its bytes (hex), its name in the image store; null for a link to elsewhere.</param>
public sealed record StaffProductImage(string Url, string? Hash, string? ContentType, long? Bytes);

/// <summary>A variant to create: SKU (2–64 letters, digits, dashes), option values (size: 500 g), price in birr before VAT, stock on hand.</summary>
public sealed record StaffVariantInput(string Sku, IReadOnlyDictionary<string, string>? Options, decimal PriceEtb, int Stock);

/// <summary>
/// A new product, a draft, with its variants (1–50), filed under <paramref name="CategorySlug"/>. The same
/// <paramref name="IdempotencyKey"/> again returns the product it made (Replayed), so a double submit creates one.
/// Field errors come as <see cref="ValidationFailedException"/> under the names of Products' API (name, variants[1].sku).
/// </summary>
public sealed record CreateProductForStaff(string Name, string NameAm, string? Description, string? DescriptionAm, string? Brand, string? CategorySlug,
    IReadOnlyList<StaffVariantInput> Variants, Guid StaffId, string IdempotencyKey) : ICommand<StaffProductChanged>, IIdempotentCommand;

/// <summary>
/// Replaces a product's text and category and sets its variants' prices (by SKU; variants not named keep theirs).
/// Refused with 412 when the product changed since <paramref name="ExpectedVersion"/> was read, unless it already is
/// what is asked (a double submit): then nothing happens and the answer is Replayed.
/// </summary>
public sealed record UpdateProductForStaff(Guid ProductId, uint ExpectedVersion, string Name, string NameAm, string? Description, string? DescriptionAm,
    string? Brand, string? CategorySlug, IReadOnlyDictionary<string, decimal> PricesEtb, Guid StaffId) : ICommand<StaffProductChanged>, IIdempotentCommand;

/// <summary>
/// Adds a variant to an existing product: a SKU no other variant holds (2–64 letters, digits, dashes; kept in capitals),
/// its option values, its price in birr before VAT and its initial stock on hand (0 or more, on the stock ledger as initial
/// stock). A SKU another variant holds is a 409; a product changed since <paramref name="ExpectedVersion"/> was read is a
/// 412, unless the variant is already there as asked (a double submit of the form <paramref name="IdempotencyKey"/>):
/// then nothing changes and the answer is Replayed. Field errors under the API's names (sku, priceEtb, stock).
/// </summary>
public sealed record AddVariantForStaff(Guid ProductId, uint ExpectedVersion, string Sku, IReadOnlyDictionary<string, string>? Options, decimal PriceEtb,
    int Stock, Guid StaffId, string IdempotencyKey) : ICommand<StaffProductChanged>, IIdempotentCommand;

/// <summary>Puts a draft on sale (<paramref name="Publish"/>) or takes a product off sale for good (archive). Again: Replayed.</summary>
public sealed record ChangeProductStatusForStaff(Guid ProductId, bool Publish, Guid StaffId) : ICommand<StaffProductChanged>, IIdempotentCommand;

/// <summary>
/// Adds a picture (JPEG, PNG or WebP, known by its bytes, not its name; at most Products' configured size) in front of
/// the product's others. The same bytes again for the same product add nothing (Replayed). Refused content or size is a
/// <see cref="ValidationFailedException"/> on field "image".
/// </summary>
public sealed record AddProductImage(Guid ProductId, byte[] Content, string? FileName, Guid StaffId) : ICommand<StaffProductChanged>, IIdempotentCommand;

/// <summary>Removes an uploaded picture (by its hash) from the product and the image store. Already gone: Replayed.</summary>
public sealed record RemoveProductImage(Guid ProductId, string Hash, Guid StaffId) : ICommand<StaffProductChanged>, IIdempotentCommand;

/// <summary>The product after a staff change, and before it (null for a new one), for the caller's audit log.</summary>
public sealed record StaffProductChanged(StaffProduct Product, StaffProduct? Before, bool Replayed);

public static class StaffCatalogue
{
    /// <summary>Available units at or under which a variant counts as low on stock (the stock ledger's warning level).</summary>
    public const int LowStock = 5;

    public static readonly string[] Statuses = ["draft", "published", "archived"];
    public static readonly string[] StockFilters = ["low", "out"];
}
