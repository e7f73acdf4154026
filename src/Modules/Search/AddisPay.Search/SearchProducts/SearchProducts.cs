using System.Text;
using AddisPay.Search.Contracts;
using AddisPay.Search.Index;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.Search.SearchProducts;

/// <summary>
/// One SQL statement per concern: matching (English stemmed words, Amharic words kept whole, a prefix of the
/// last word, and trigram word similarity for misspellings, all served by GIN indexes), ranking, a stable page,
/// and facet counts over the same matches.
/// </summary>
internal sealed class SearchProductsHandler(SearchDbContext db) : IQueryHandler<Contracts.SearchProducts, SearchResult>
{
    public const double TypoThreshold = 0.5;

    public async ValueTask<SearchResult> Handle(Contracts.SearchProducts q, CancellationToken ct)
    {
        Validate(q);
        var text = (q.Text ?? "").Trim();
        var prefix = PrefixQuery(text);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Words first (index-only, fast); the trigram match that forgives misspellings is costlier, so it
            // joins in only when the words find (almost) nothing.
            var result = await RunAsync(conn, q, text, prefix, typos: false, ct);
            if (text.Length > 0 && result.Total < TypoFallbackBelow)
            {
                await using (var set = new NpgsqlCommand($"set pg_trgm.word_similarity_threshold = {TypoThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}", conn))
                    await set.ExecuteNonQueryAsync(ct);
                result = await RunAsync(conn, q, text, prefix, typos: true, ct);
            }
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public const int TypoFallbackBelow = 5;

    /// <summary>Matches, one page of hits, the total and the facets, from one statement that computes the matches once.</summary>
    private static async Task<SearchResult> RunAsync(NpgsqlConnection conn, Contracts.SearchProducts q, string text, string? prefix, bool typos, CancellationToken ct)
    {
        var (where, parameters) = Filters(q, text, prefix, typos);
        var order = q.Sort switch
        {
            SearchSort.PriceAsc => "\"PriceMin\" asc, \"ProductId\"",
            SearchSort.PriceDesc => "\"PriceMin\" desc, \"ProductId\"",
            SearchSort.Newest => "\"PublishedAt\" desc, \"ProductId\"",
            SearchSort.Rating => "\"Rating\" desc nulls last, \"RatingCount\" desc, \"ProductId\"",
            _ when text.Length == 0 => "\"PublishedAt\" desc, \"ProductId\"",
            _ => "score desc, \"ProductId\""
        };
        await using var cmd = new NpgsqlCommand($"""
            with m as materialized (
              select "ProductId", "Slug", "Name", "NameAm", "Brand", "Image", "PriceMin", "PriceMax", "InStock", "Rating", "RatingCount",
                     "CategorySlugs", "PublishedAt", {Score(text, prefix, typos)} as score
                from search.documents where {where}),
            page as (select *, row_number() over (order by {order}) as rn from m order by {order} limit @limit offset @offset),
            facets as (
              select 'category' as k, c as v, count(*) as n from m, unnest(m."CategorySlugs") c group by c
              union all select 'brand', "Brand", count(*) from m where "Brand" is not null group by "Brand"
              union all select 'price', case when "PriceMin" < 500 then '0-500' when "PriceMin" < 1000 then '500-1000'
                                             when "PriceMin" < 2500 then '1000-2500' when "PriceMin" < 5000 then '2500-5000' else '5000+' end, count(*) from m group by 2
              union all select 'stock', case when "InStock" then 'in_stock' else 'out_of_stock' end, count(*) from m group by 2
              union all select 'rating', r.bucket, count(*) from m, (values ('4+', 4.0), ('3+', 3.0), ('2+', 2.0)) r(bucket, min) where m."Rating" >= r.min group by r.bucket)
            select 0 as part, "ProductId", "Slug", "Name", "NameAm", "Brand", "Image", "PriceMin", "PriceMax", "InStock", "Rating", "RatingCount", score,
                   null::text as k, null::text as v, null::bigint as n, rn
              from page
            union all
            select 1, null, null, null, null, null, null, null, null, null, null, null, null, k, v, n, 0 from facets
            order by part, rn
            """, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        cmd.Parameters.AddWithValue("limit", q.PageSize);
        cmd.Parameters.AddWithValue("offset", (q.Page - 1) * q.PageSize);

        var hits = new List<SearchHit>();
        var facets = new Dictionary<string, List<FacetValue>> { ["category"] = [], ["brand"] = [], ["price"] = [], ["stock"] = [], ["rating"] = [] };
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (r.GetInt32(0) == 0)
                    hits.Add(new SearchHit(r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                        r.IsDBNull(6) ? null : r.GetString(6), r.GetDecimal(7), r.GetDecimal(8), r.GetBoolean(9), r.IsDBNull(10) ? null : r.GetDecimal(10),
                        r.GetInt32(11), r.GetDouble(12)));
                else
                    facets[r.GetString(13)].Add(new FacetValue(r.GetString(14), r.GetInt64(15)));
            }
        }
        // Every match is either in stock or not: the availability facet counts them all.
        var total = facets["stock"].Sum(f => f.Count);
        static List<FacetValue> Top(List<FacetValue> values) => values.OrderByDescending(v => v.Count).ThenBy(v => v.Value).Take(20).ToList();
        return new SearchResult(hits, total, q.Page, q.PageSize, new SearchFacets(Top(facets["category"]), Top(facets["brand"]),
            facets["price"].OrderBy(v => PriceOrder(v.Value)).ToList(), facets["stock"].OrderBy(v => v.Value).ToList(),
            facets["rating"].OrderByDescending(v => v.Value).ToList()));
    }

    /// <summary>
    /// English stems, Amharic (and any) words as written, and the last word as a prefix, OR-ed into one
    /// tsquery: one index probe to match and one pass over each vector to rank.
    /// </summary>
    private static string Words(bool hasPrefix) =>
        "(websearch_to_tsquery('english', @text) || websearch_to_tsquery('simple', @text)" + (hasPrefix ? " || to_tsquery('simple', @prefix))" : ")");

    private static string Score(string text, string? prefix, bool typos) => text.Length == 0 ? "0::float8" :
        $"(ts_rank(\"SearchVector\", {Words(prefix is not null)}){(typos ? " + word_similarity(@text, \"SearchText\")" : "")})::float8";

    private static (string Where, List<(string, object)> Parameters) Filters(Contracts.SearchProducts q, string text, string? prefix, bool typos)
    {
        var where = new List<string>();
        var p = new List<(string, object)>();
        if (text.Length > 0)
        {
            p.Add(("text", text));
            if (prefix is not null) p.Add(("prefix", prefix));
            where.Add($"(\"SearchVector\" @@ {Words(prefix is not null)}{(typos ? " or @text <% \"SearchText\"" : "")})");
        }
        if (q.Category is { Length: > 0 }) { where.Add("\"CategorySlugs\" @> array[@category]"); p.Add(("category", q.Category)); }
        if (q.Brand is { Length: > 0 }) { where.Add("\"Brand\" = @brand"); p.Add(("brand", q.Brand)); }
        if (q.MinPriceEtb is { } min) { where.Add("\"PriceMax\" >= @minPrice"); p.Add(("minPrice", min)); }
        if (q.MaxPriceEtb is { } max) { where.Add("\"PriceMin\" <= @maxPrice"); p.Add(("maxPrice", max)); }
        if (q.InStock is { } inStock) { where.Add("\"InStock\" = @inStock"); p.Add(("inStock", inStock)); }
        if (q.MinRating is { } rating) { where.Add("\"Rating\" >= @minRating"); p.Add(("minRating", rating)); }
        return (where.Count == 0 ? "true" : string.Join(" and ", where), p);
    }

    private static int PriceOrder(string bucket) => bucket switch { "0-500" => 0, "500-1000" => 1, "1000-2500" => 2, "2500-5000" => 3, _ => 4 };

    /// <summary>"yirga cof" → "yirga & cof:*": every word, the last one as a prefix (search as you type). Letters and digits of any script only.</summary>
    internal static string? PrefixQuery(string text)
    {
        var words = text.Split([' ', '\t', '፣', '።', ',', '.', '-', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())
            .Where(w => w.Length > 0).Take(8).ToList();
        if (words.Count == 0) return null;
        var sb = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0) sb.Append(" & ");
            sb.Append(words[i]);
            if (i == words.Count - 1) sb.Append(":*");
        }
        return sb.ToString();
    }

    private static void Validate(Contracts.SearchProducts q)
    {
        var errors = new Dictionary<string, string[]>();
        if (q.Page < 1) errors["page"] = ["page starts at 1."];
        if (q.PageSize is < 1 or > 100) errors["pageSize"] = ["pageSize must be between 1 and 100."];
        if (q.Page > 500) errors["page"] = ["Refine the search instead of paging past 500 pages."];
        if ((q.Text ?? "").Length > 200) errors["q"] = ["Search text is at most 200 characters."];
        if (q.MinPriceEtb < 0 || q.MaxPriceEtb < 0 || q.MinPriceEtb > q.MaxPriceEtb) errors["minPriceEtb"] = ["Use a price range with 0 <= min <= max."];
        if (q.MinRating is < 0 or > 5) errors["minRating"] = ["Ratings go from 0 to 5."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }
}

internal static class SearchEndpoint
{
    public static void MapSearch(this IEndpointRouteBuilder api) =>
        api.MapGet("/", async (ISender sender, CancellationToken ct, string? q = null, string? category = null, string? brand = null,
                decimal? minPriceEtb = null, decimal? maxPriceEtb = null, bool? inStock = null, decimal? minRating = null,
                SearchSort sort = SearchSort.Relevance, int page = 1, int pageSize = 20) =>
                Results.Ok(await sender.Send(new Contracts.SearchProducts(q, category, brand, minPriceEtb, maxPriceEtb, inStock, minRating, sort, page, pageSize), ct)))
            .AllowAnonymous()
            .WithName("SearchProducts")
            .WithSummary("Searches published products in English and Amharic, typo tolerant, with facets (category, brand, price, stock, rating).")
            .Produces<SearchResult>()
            .ProducesValidationProblem();
}
