using Mediator;

namespace AddisPay.Search.Contracts;

public enum SearchSort { Relevance, PriceAsc, PriceDesc, Newest, Rating }

/// <summary>Full-text product search in English and Amharic, typo tolerant, with facets.</summary>
public sealed record SearchProducts(string? Text, string? Category = null, string? Brand = null, decimal? MinPriceEtb = null, decimal? MaxPriceEtb = null,
    bool? InStock = null, decimal? MinRating = null, SearchSort Sort = SearchSort.Relevance, int Page = 1, int PageSize = 20) : IQuery<SearchResult>;

public sealed record SearchHit(Guid ProductId, string Slug, string Name, string NameAm, string? Brand, string? Image, decimal PriceEtb, decimal MaxPriceEtb,
    bool InStock, decimal? Rating, int RatingCount, double Score);

public sealed record FacetValue(string Value, long Count);

public sealed record SearchFacets(IReadOnlyList<FacetValue> Categories, IReadOnlyList<FacetValue> Brands, IReadOnlyList<FacetValue> PriceRanges,
    IReadOnlyList<FacetValue> Availability, IReadOnlyList<FacetValue> Ratings);

/// <param name="CorrectedText">Set when the words as typed found (almost) nothing and misspelt words were corrected from the
/// catalogue's words: the text the hits and facets are for ("showing results for ...").</param>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, long Total, int Page, int PageSize, SearchFacets Facets, string? CorrectedText = null);
