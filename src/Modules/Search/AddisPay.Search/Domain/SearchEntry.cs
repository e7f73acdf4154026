using NpgsqlTypes;

namespace AddisPay.Search.Domain;

/// <summary>
/// The narrow row a search reads for every match: the full-text vectors, the filter and sort columns, and the facet
/// values as small integers packed into <see cref="FacetKey"/>. Derived from <see cref="SearchDocument"/> by
/// <see cref="EntrySql"/> in the same transaction as every document change; the wide document is read
/// only for the page of hits shown.
/// </summary>
internal sealed class SearchEntry
{
    public Guid ProductId { get; set; }
    /// <summary>
    /// The document's full vector (names A, brand B, category C, descriptions D): what a search matches and ranks. A
    /// second GIN index on <c>ts_filter(SearchVector, '{a,b}')</c> (names and brand) finds the matches in the title.
    /// </summary>
    public NpgsqlTsVector SearchVector { get; set; } = null!;
    public int CategoryPathId { get; set; }
    /// <summary>0 when the product has no brand.</summary>
    public int BrandId { get; set; }
    public decimal PriceMin { get; set; }
    public decimal PriceMax { get; set; }
    public bool InStock { get; set; }
    public decimal? Rating { get; set; }
    public int RatingCount { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    /// <summary>Category path, brand, price range, rating bucket and availability in one integer (see <see cref="EntrySql.FacetKeySql"/>).</summary>
    public long FacetKey { get; set; }
    /// <summary>Query-independent preference among equally good matches: in stock, then rating, then newest.</summary>
    public long Preference { get; set; }
}

/// <summary>
/// How many entries have a <see cref="SearchEntry.FacetKey"/>: the facet counts of every listing without words, summed
/// from a few hundred rows instead of counted over every product of a category on each request. Statement triggers on
/// <c>search.entries</c> (insert, update, delete; created by the <c>FacetCounts</c> migration) add and subtract the
/// changed rows' keys in the same transaction as the entry change, so the counts are never out of step with the entries.
/// A count that drops to zero stays as a row with 0 until a reindex clears it.
/// </summary>
internal sealed class FacetCount
{
    public long FacetKey { get; set; }
    public long Count { get; set; }
}

/// <summary>A category path (root first) as stored in the documents, numbered for the facet key.</summary>
internal sealed class CategoryPathEntry
{
    public int Id { get; set; }
    public List<string> Slugs { get; set; } = [];
}

/// <summary>A brand name, numbered for the facet key.</summary>
internal sealed class BrandEntry
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>
/// A word of the catalogue (names, brands, categories, descriptions; as the `simple` configuration splits them), for
/// correcting misspelt query words with pg_trgm before the ordinary word search runs.
/// </summary>
internal sealed class LexiconWord
{
    public string Word { get; set; } = "";
}
