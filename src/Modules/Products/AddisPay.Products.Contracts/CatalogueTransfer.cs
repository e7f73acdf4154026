using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Products.Contracts;

/// <summary>The two file formats of the catalogue's import and export.</summary>
public static class CatalogueFormats
{
    /// <summary>One record per variant: product_key,name,name_am,brand,category,description,description_am,sku,option_name,option_value,price_etb,stock,publish.</summary>
    public const string Csv = "csv";
    /// <summary>An array of <see cref="CatalogueEntry"/> (the API's create-product shape).</summary>
    public const string Json = "json";
    /// <summary>The largest file an import takes, in UTF-16 characters (about a megabyte of text).</summary>
    public const int MaxCharacters = 1_000_000;
}

/// <summary>
/// A staff member's import of a CSV or JSON file (<see cref="CatalogueFormats"/>), at most 1000 products: each product row is
/// checked like a single create; a product whose SKUs are exactly an existing product's is updated (names, descriptions,
/// brand, category, prices) or reported unchanged; the rest are created; bad rows are reported with field errors and write
/// nothing. Idempotent on <paramref name="IdempotencyKey"/> (one per form shown, up to 100 characters) for
/// <paramref name="StaffId"/>: the same key again imports nothing and answers with the first report, marked replayed.
/// A file that can't be read at all is a 400 naming the field <c>file</c>.
/// </summary>
public sealed record ImportCatalogue(string Format, string Content, Guid StaffId, string IdempotencyKey) : ICommand<CatalogueImported>, IIdempotentCommand;

/// <param name="Rows">One per product, by the row (CSV record number, header = 1; JSON array position from 1) it starts at.</param>
public sealed record CatalogueImported(int Created, int Updated, int Unchanged, int Failed, IReadOnlyList<CatalogueImportRow> Rows, bool Replayed);

/// <param name="Outcome">created, updated, unchanged or failed.</param>
public sealed record CatalogueImportRow(int Row, string Outcome, Guid? ProductId, IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>
/// One page of the catalogue (every product, any status, in id order after <paramref name="After"/>) as text of the format:
/// CSV records (the header with a byte-order mark first when <paramref name="After"/> is null) or JSON objects separated by
/// commas (the caller writes the brackets). <see cref="CatalogueExportPage.Next"/> is null after the last page.
/// </summary>
public sealed record ExportCataloguePage(string Format, Guid? After, int PageSize) : IQuery<CatalogueExportPage>;

public sealed record CatalogueExportPage(string Text, int Products, Guid? Next);

/// <summary>The import template of the format: the CSV header with one example record, or a JSON array of one example product.</summary>
public sealed record GetCatalogueTemplate(string Format) : IQuery<string>;

/// <summary>A product as the import and export files hold it. Stock is on hand (used when the product is created).</summary>
public sealed record CatalogueEntry(string Slug, string Name, string NameAm, string? Description, string? DescriptionAm, string? Brand,
    string? CategorySlug, IReadOnlyList<string> Images, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<CatalogueEntryVariant> Variants,
    bool Publish);

public sealed record CatalogueEntryVariant(string Sku, Dictionary<string, string> Options, decimal PriceEtb, int Stock);
