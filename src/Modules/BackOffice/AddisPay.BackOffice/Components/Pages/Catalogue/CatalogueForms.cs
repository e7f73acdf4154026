using System.Globalization;
using AddisPay.Products.Contracts;

namespace AddisPay.BackOffice.Components.Pages.Catalogue;

/// <summary>What the catalogue pages share: the category choices, the audit's picture of a product, reading the posted form.</summary>
internal static class CatalogueForms
{
    /// <summary>Variant rows a new product's form offers (rows left blank are ignored): two are what most products need.</summary>
    public const int VariantRows = 3;

    /// <summary>The tree as one list for a select, children indented under their parent, in the page's language.</summary>
    public static IReadOnlyList<(string Slug, string Name)> Flatten(IReadOnlyList<CategoryEntry> tree, bool amharic)
    {
        var list = new List<(string, string)>();
        void Walk(IEnumerable<CategoryEntry> level, int depth)
        {
            foreach (var c in level)
            {
                list.Add((c.Slug, new string('\u00A0', depth * 3) + (amharic ? c.NameAm : c.Name)));
                Walk(c.Children, depth + 1);
            }
        }
        Walk(tree, 0);
        return list;
    }

    /// <summary>What the audit log keeps of a product before and after: its text, status, prices and pictures, not its stock.</summary>
    public static object? Snapshot(StaffProduct? p) => p is null ? null : new
    {
        p.Slug, p.Name, p.NameAm, p.Status, p.CategorySlug, p.Brand,
        Prices = p.Variants.ToDictionary(v => v.Sku, v => v.PriceEtb),
        Images = p.Images.Select(i => i.Url).ToList()
    };

    /// <summary>A price typed as 1,250.50 or 1250.5: birr with at most two decimals; null when it is not one.</summary>
    public static decimal? Price(string? text) =>
        decimal.TryParse(text?.Replace(",", "").Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) ? price : null;

    public static string Invariant(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
