namespace AddisPay.Products.Domain;

public sealed record VariantView(string Sku, IReadOnlyDictionary<string, string> Options, decimal PriceEtb, int Available, bool InStock);

public sealed record CategoryRef(Guid Id, string Slug, string Name, string NameAm);

/// <summary>A product as the API shows it, prices in ETB before 15% VAT.</summary>
public sealed record ProductView(Guid Id, string Slug, string Name, string NameAm, string? Description, string? DescriptionAm, string? Brand,
    CategoryRef? Category, IReadOnlyList<string> Images, IReadOnlyDictionary<string, string> Attributes, string Status,
    IReadOnlyList<VariantView> Variants, decimal PriceEtb, decimal MaxPriceEtb, string Currency, int Available,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Sku, decimal? Rating = null, int RatingCount = 0)
{
    internal static ProductView From(Product p)
    {
        var variants = p.Variants.OrderBy(v => v.PriceEtb).ThenBy(v => v.Sku).ToList();
        return new ProductView(p.Id, p.Slug, p.Name, p.NameAm, p.Description, p.DescriptionAm, p.Brand,
            p.Category is null ? null : new CategoryRef(p.Category.Id, p.Category.Slug, p.Category.Name, p.Category.NameAm),
            p.Images, p.Attributes, p.Status.ToString().ToLowerInvariant(),
            variants.Select(v => new VariantView(v.Sku, v.Options, v.PriceEtb, v.Available, v.Available > 0)).ToList(),
            variants.Count > 0 ? variants[0].PriceEtb : 0, variants.Count > 0 ? variants[^1].PriceEtb : 0, "ETB",
            p.Available, p.CreatedAt, p.UpdatedAt, variants.Count > 0 ? variants[0].Sku : "", p.Rating?.Average, p.Rating?.Count ?? 0);
    }

    /// <summary>The ETag of a product: its row version, quoted as HTTP wants.</summary>
    internal static string ETagOf(Product p) => $"\"{p.Version}\"";

    /// <summary>
    /// The ETag of a read: the row version (what If-Match compares) and a digest of the answer, since stock, prices and the
    /// rating live in other rows and change the answer without changing the version.
    /// </summary>
    internal static string ReadETagOf(string rowETag, byte[] body) =>
        $"\"{rowETag.Trim('"')}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body), 0, 8)}\"";

    /// <summary>The row version an If-Match names, from a write's ETag or a read's (<see cref="ReadETagOf"/>).</summary>
    internal static bool TryParseVersion(string ifMatch, out uint version) =>
        uint.TryParse(ifMatch.Replace("W/", "").Trim().Trim('"').Split('-')[0], out version);
}
