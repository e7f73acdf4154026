using System.Text;
using AddisPay.Search.Contracts;
using AddisPay.Search.SearchProducts;

namespace AddisPay.Search.Data;

/// <summary>
/// The two statements of one search, both on <c>search.entries</c> (the narrow rows: filter and sort columns, the packed
/// facet key, the vector), run side by side on two connections:
/// <list type="bullet">
/// <item><b>Hits.</b> For relevance, the first <c>candidates</c> matches in the order (match in the title first, then
/// <c>Preference</c>: in stock, rating, newest) are ranked with <c>ts_rank</c> on the full vector and paged by
/// (score, id). Ranking every match of a broad word would read and rank every one of them (19,000 for "coffee" at
/// 100,000 products); a title match outranks a description-only match in <c>ts_rank</c> anyway, so the candidates hold
/// the best matches unless a query matches more than <c>candidates</c> titles. Pages past the candidates continue in the
/// candidate order, so every match appears exactly once and paging is stable. Candidates are chosen by row position,
/// id and preference only; the vectors of the chosen ones are read again by position to rank them. Other sorts order all
/// matches by their column. The page's display fields come from the documents, by id.</item>
/// <item><b>Facets.</b> Every match counted per <c>FacetKey</c> (category path, brand, price range, rating bucket,
/// availability in one integer): a few hundred groups at most, rolled up by the handler. A listing without words whose
/// filters are all parts of the key (a category page, brand, in stock, rating) sums the kept counts per key instead
/// (<see cref="FacetCount"/>, <see cref="KeptCounts"/>): a category page no longer counts its every product.</item>
/// </list>
/// The tsquery is built once per statement (<c>query</c>, a materialized CTE read through scalar subqueries), which also
/// keeps the planner from estimating how many products a word matches: with an estimate it prices <c>@@</c> as cheap and
/// scans all 100,000 vectors sequentially for a word in more than ~15% of products, 3-4 times slower than the index.
/// </summary>
internal sealed record SearchSql(string Hits, string Facets, IReadOnlyList<(string Name, object Value)> Parameters)
{
    /// <summary>
    /// The index generation, raised by every write to what searches count (migration IndexGeneration): read first in a batch,
    /// so the statements after it see at least that index (read committed: each statement takes a newer snapshot).
    /// </summary>
    public const string Generation = "select \"Generation\" from search.index_generation where \"Id\" = 1";

    public static SearchSql For(Contracts.SearchProducts q, string text, int candidates)
    {
        // The last word is also matched as a prefix (search as you type), unless the query excludes words: the prefix form
        // keeps every word, so OR-ing it in would bring the excluded ones back.
        var prefix = MayExclude(text) ? null : SearchProductsHandler.PrefixQuery(text);
        var hasText = text.Length > 0;
        var (filters, parameters) = Filters(q, text, prefix);
        var with = hasText ? $"with query as materialized (select x.words, {TitleOnly("x.words")} as title from (select {Words(prefix is not null)} as words) x)" : "";
        const string words = "(select query.words from query)";
        var match = hasText ? $"e.\"SearchVector\" @@ {words}" : "true";
        var where = string.Join(" and ", new[] { match }.Concat(filters));
        // A match in the title (names and brand) is a match of the whole vector, unless the query excludes a word ("-word"):
        // then the full vector must be checked too. Outside the title, the same test row by row without building the filtered
        // vector: every word of the query restricted to weights A and B ('coffe':AB).
        var inTitle = string.Join(" and ", new[] { $"{EntrySql.Title} @@ {words}" }.Concat(MayExclude(text) ? [match] : []).Concat(filters));
        var notInTitle = $"{where} and not (e.\"SearchVector\" @@ (select query.title from query))";
        var limit = q.PageSize;
        var offset = (q.Page - 1) * q.PageSize;
        parameters.Add(("limit", limit));
        parameters.Add(("offset", offset));

        string hits;
        if (hasText && q.Sort == SearchSort.Relevance)
        {
            parameters.Add(("candidates", candidates));
            var sb = new StringBuilder($"""
                {with},
                c as (
                  (select e.ctid as row, e."ProductId", e."Preference" from search.entries e
                    where {inTitle} order by e."Preference" desc, e."ProductId" limit @candidates)
                  union all
                  (select e.ctid as row, e."ProductId", e."Preference" from search.entries e
                    where {notInTitle} order by e."Preference" desc, e."ProductId" limit @candidates)
                  limit @candidates),
                ranked as (select c."ProductId", ts_rank(e."SearchVector", {words})::float8 as score from c join search.entries e on e.ctid = c.row),
                page as (select "ProductId", score, row_number() over (order by score desc, "ProductId") as pos
                           from ranked order by score desc, "ProductId" limit @limit offset @offset)
                """);
            var restFrom = Math.Max(offset, candidates);
            var restTake = offset + limit - restFrom;
            if (restTake > 0)
            {
                // Past the ranked candidates: the remaining matches in candidate order (title matches first, then preference).
                parameters.Add(("restFrom", restFrom));
                parameters.Add(("restTake", restTake));
                parameters.Add(("restEnd", restFrom + restTake));
                sb.Append($"""
                    ,
                    rest as (
                      select x."ProductId", ts_rank(e."SearchVector", {words})::float8 as score, x.pos
                        from (select x.*, row_number() over (order by x.title desc, x."Preference" desc, x."ProductId") as pos
                                from ((select e.ctid as row, e."ProductId", e."Preference", true as title from search.entries e
                                        where {inTitle} order by e."Preference" desc, e."ProductId" limit @restEnd)
                                      union all
                                      (select e.ctid as row, e."ProductId", e."Preference", false from search.entries e
                                        where {notInTitle} order by e."Preference" desc, e."ProductId" limit @restEnd)) x
                               order by x.title desc, x."Preference" desc, x."ProductId" offset @restFrom limit @restTake) x
                        join search.entries e on e.ctid = x.row)
                    """);
            }
            sb.Append($"""

                select d."ProductId", d."Slug", d."Name", d."NameAm", d."Brand", d."Image", d."PriceMin", d."PriceMax", d."InStock", d."Rating",
                       d."RatingCount", p.score
                  from (select "ProductId", score, pos from page{(restTake > 0 ? " union all select \"ProductId\", score, pos from rest" : "")}) p
                  join search.documents d on d."ProductId" = p."ProductId"
                 order by p.pos
                """);
            hits = sb.ToString();
        }
        else
        {
            var order = q.Sort switch
            {
                SearchSort.PriceAsc => "e.\"PriceMin\" asc, e.\"ProductId\"",
                SearchSort.PriceDesc => "e.\"PriceMin\" desc, e.\"ProductId\"",
                SearchSort.Rating => "e.\"Rating\" desc nulls last, e.\"RatingCount\" desc, e.\"ProductId\"",
                _ => "e.\"PublishedAt\" desc, e.\"ProductId\"" // newest, and browsing without words
            };
            // With words, the matches first (offset 0 keeps the planner from walking a sort column's index and testing each row).
            // A category without words: each of the category's paths read in the listing's order from its index
            // (category path, sort columns), at most as far as this page reaches, then merged; not every product of the
            // category sorted (18,000 for a root category at 100,000 products).
            string matches;
            if (hasText) matches = $"(select e.* from search.entries e where {where} offset 0) e";
            else if (q.Category is { Length: > 0 })
            {
                parameters.Add(("reach", offset + limit));
                var byPath = string.Join(" and ", new[] { "e.\"CategoryPathId\" = cp.\"Id\"" }.Concat(filters.Skip(1)));
                matches = $"""
                    search.category_paths cp
                    cross join lateral (select e.* from search.entries e where {byPath} order by {order} limit @reach) e
                    where cp."Slugs" @> array[@category]
                    """;
            }
            else matches = $"search.entries e where {where}";
            hits = $"""
                {with}{(hasText ? "," : "with")}
                page as (select e."ProductId", e."SearchVector", e."PriceMin", e."PublishedAt", e."Rating", e."RatingCount"
                           from {matches} order by {order} limit @limit offset @offset)
                select d."ProductId", d."Slug", d."Name", d."NameAm", d."Brand", d."Image", d."PriceMin", d."PriceMax", d."InStock", d."Rating",
                       d."RatingCount", {(hasText ? $"ts_rank(e.\"SearchVector\", {words})::float8" : "0::float8")}
                  from page e join search.documents d on d."ProductId" = e."ProductId"
                 order by {order}
                """;
        }

        var facets = $"""
            {with}
            select p."Slugs", b."Name", ((g.k >> 3) & 7)::int, ((g.k >> 1) & 3)::int, (g.k & 1) = 1, g.n
              from ({(hasText ? null : KeptCounts(q)) ?? $"select e.\"FacetKey\" as k, count(*) as n from search.entries e where {where} group by 1"}) g
              left join search.category_paths p on p."Id" = (g.k >> 32)::int
              left join search.brands b on b."Id" = ((g.k >> 8) & 16777215)::int
            """;
        return new SearchSql(hits, facets, parameters);
    }

    /// <summary>
    /// The counts per facet key of a listing without words, from the kept counts (<c>search.facet_counts</c>) instead of
    /// counting the entries, when every filter is a part of the facet key: category (a key range per path of the
    /// category), brand, in stock, and a minimum rating of 2, 3 or 4 (the rating buckets). A price filter compares the
    /// highest and lowest prices, which the key does not hold: null, and the entries are counted.
    /// </summary>
    private static string? KeptCounts(Contracts.SearchProducts q)
    {
        if (q.MinPriceEtb is not null || q.MaxPriceEtb is not null) return null;
        if (q.MinRating is { } r && r is not (2m or 3m or 4m)) return null;
        var where = new List<string> { "f.\"Count\" > 0" };
        if (q.Brand is { Length: > 0 }) where.Add("((f.\"FacetKey\" >> 8) & 16777215)::int = (select b.\"Id\" from search.brands b where b.\"Name\" = @brand)");
        if (q.InStock is { } inStock) where.Add($"(f.\"FacetKey\" & 1) = {(inStock ? 1 : 0)}");
        // Rating buckets: 3 is 4+, 2 is 3+, 1 is 2+ (EntrySql.FacetKeySql).
        if (q.MinRating is { } min) where.Add($"((f.\"FacetKey\" >> 1) & 3) >= {(int)min - 1}");
        var from = q.Category is { Length: > 0 }
            ? """
              search.category_paths cp join search.facet_counts f
                on f."FacetKey" >= (cp."Id"::bigint << 32) and f."FacetKey" < ((cp."Id"::bigint + 1) << 32)
              """
            : "search.facet_counts f";
        if (q.Category is { Length: > 0 }) where.Add("cp.\"Slugs\" @> array[@category]");
        return $"select f.\"FacetKey\" as k, f.\"Count\" as n from {from} where {string.Join(" and ", where)}";
    }

    /// <summary>The query with every word restricted to weights A and B (names, brand): <c>'coffe' | 'coffee':*</c> becomes <c>'coffe':AB | 'coffee':*AB</c>.</summary>
    private static string TitleOnly(string query) =>
        $"regexp_replace(({query})::text, '(''(?:[^'']|'''')*'')(?::(\\*))?', '\\1:\\2AB', 'g')::tsquery";

    /// <summary>websearch_to_tsquery excludes a word written with a leading minus ("honey -wild").</summary>
    private static bool MayExclude(string text) => text.StartsWith('-') || text.Contains(" -") || text.Contains("\t-");

    /// <summary>
    /// English stems, Amharic (and any) words as written, and the last word as a prefix, OR-ed into one tsquery: one
    /// index probe to match and one pass over each candidate's vector to rank.
    /// </summary>
    private static string Words(bool hasPrefix) =>
        "(websearch_to_tsquery('english', @text) || websearch_to_tsquery('simple', @text)" + (hasPrefix ? " || to_tsquery('simple', @prefix))" : ")");

    private static (List<string> Filters, List<(string, object)> Parameters) Filters(Contracts.SearchProducts q, string text, string? prefix)
    {
        var where = new List<string>();
        var p = new List<(string, object)>();
        if (text.Length > 0)
        {
            p.Add(("text", text));
            if (prefix is not null) p.Add(("prefix", prefix));
        }
        if (q.Category is { Length: > 0 })
        {
            // The category or any category below it: every path that contains its slug. First in the list: a category
            // listing without words reads path by path and uses the other filters only (see For).
            where.Add("e.\"CategoryPathId\" in (select cp.\"Id\" from search.category_paths cp where cp.\"Slugs\" @> array[@category])");
            p.Add(("category", q.Category));
        }
        if (q.Brand is { Length: > 0 }) { where.Add("e.\"BrandId\" = (select b.\"Id\" from search.brands b where b.\"Name\" = @brand)"); p.Add(("brand", q.Brand)); }
        if (q.MinPriceEtb is { } min) { where.Add("e.\"PriceMax\" >= @minPrice"); p.Add(("minPrice", min)); }
        if (q.MaxPriceEtb is { } max) { where.Add("e.\"PriceMin\" <= @maxPrice"); p.Add(("maxPrice", max)); }
        if (q.InStock is { } inStock) { where.Add("e.\"InStock\" = @inStock"); p.Add(("inStock", inStock)); }
        if (q.MinRating is { } rating) { where.Add("e.\"Rating\" >= @minRating"); p.Add(("minRating", rating)); }
        return (where, p);
    }
}
