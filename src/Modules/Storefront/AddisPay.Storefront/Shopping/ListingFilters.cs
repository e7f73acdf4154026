using System.Globalization;
using AddisPay.Search.Contracts;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// A category listing's filters, sort and page as they travel in its address (/c/coffee?brand=Tomoca&amp;price=500-1000&amp;stock=in&amp;rating=4&amp;sort=price-asc&amp;page=2):
/// a GET form, so listings work without JavaScript and can be shared. Values that mean nothing are dropped, not refused:
/// an edited address shows the listing without that filter.
/// </summary>
internal sealed record ListingFilters(string? Brand, string? Price, bool InStockOnly, int? MinRating, string Sort, int Page)
{
    public const int PageSize = 12;

    /// <summary>Search's price facet ranges ("0-500", "5000+"), in its order.</summary>
    public static readonly string[] PriceRanges = ["0-500", "500-1000", "1000-2500", "2500-5000", "5000+"];

    public static readonly string[] Sorts = ["featured", "newest", "price-asc", "price-desc", "rating"];

    public static readonly int[] Ratings = [4, 3, 2];

    public static ListingFilters From(string? brand, string? price, string? stock, string? rating, string? sort, int? page) => new(
        string.IsNullOrWhiteSpace(brand) || brand.Length > 100 ? null : brand.Trim(),
        PriceRanges.Contains(price) ? price : null,
        stock == "in",
        int.TryParse(rating, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && Ratings.Contains(r) ? r : null,
        Sorts.Contains(sort) ? sort! : "featured",
        Math.Clamp(page ?? 1, 1, 500));

    public decimal? MinPriceEtb => Price is null ? null : decimal.Parse(Price.TrimEnd('+').Split('-')[0], CultureInfo.InvariantCulture);

    public decimal? MaxPriceEtb => Price is null || Price.EndsWith('+') ? null : decimal.Parse(Price.Split('-')[1], CultureInfo.InvariantCulture);

    public SearchSort SearchSort => Sort switch
    {
        "newest" => SearchSort.Newest,
        "price-asc" => SearchSort.PriceAsc,
        "price-desc" => SearchSort.PriceDesc,
        "rating" => SearchSort.Rating,
        _ => SearchSort.Relevance
    };

    public SearchProducts Query(string category) =>
        new(null, category, Brand, MinPriceEtb, MaxPriceEtb, InStockOnly ? true : null, MinRating, SearchSort, Page, PageSize);

    /// <summary>This listing's address with another page (filters and sort kept; page 1 left out).</summary>
    public string Href(string path, int page)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (value is not null) parts.Add(name + "=" + Uri.EscapeDataString(value)); }
        Add("brand", Brand);
        Add("price", Price);
        Add("stock", InStockOnly ? "in" : null);
        Add("rating", MinRating?.ToString(CultureInfo.InvariantCulture));
        Add("sort", Sort == "featured" ? null : Sort);
        Add("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }
}
