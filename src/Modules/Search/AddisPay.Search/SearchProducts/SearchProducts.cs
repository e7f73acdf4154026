using System.Text;
using AddisPay.Search.Contracts;
using Microsoft.Extensions.Options;

namespace AddisPay.Search.SearchProducts;

/// <summary>Search settings (<c>AddisPay:Search</c>).</summary>
internal sealed class SearchOptions
{
    /// <summary>How many matches of a relevance search are ranked with ts_rank (see <see cref="SearchSql"/>).</summary>
    public int RankedCandidates { get; set; } = 1000;

    /// <summary>
    /// Whether facet counts (and the total) are kept per normalised query and filters until the index changes
    /// (<see cref="FacetCache"/>); false counts every match on every search, as before.
    /// </summary>
    public bool CacheFacets { get; set; } = true;

    /// <summary>
    /// Whether whole answers (hits, facets, total) are kept per normalised query, filters, order and page until the index
    /// changes, as facets are (needs <see cref="CacheFacets"/>): a repeated search costs one statement reading the generation.
    /// </summary>
    public bool CacheAnswers { get; set; } = true;

    /// <summary>How many queries' facets (and as many answers) one process keeps; past it they are dropped and counted again.</summary>
    public int CachedFacetQueries { get; set; } = 10_000;
}

/// <summary>
/// Facet counts (with the total and the lexicon's corrections, which come from the same statements) kept per normalised query
/// and filters, each with the index generation read just before they were counted (<see cref="SearchSql.Generation"/>).
/// A search reads the generation in the batch of its hits and takes kept facets only if it is the same number: the number
/// lives in the database and is raised in the transaction of every index write, so each replica of Search notices any
/// replica's or the reindex's change at its next search, with no message between replicas; kept facets are never older
/// than the index a search's hits come from. Counting every match is what a broad word costs (18,700 rows for "coffee"
/// at 100,000 products); the hits themselves stop at the page and the ranked candidates.
/// </summary>
internal sealed class FacetCache(IOptions<SearchOptions> options)
{
    internal sealed record Kept(long Generation, SearchFacets Facets, Dictionary<string, string> Corrections);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Kept> kept = new();

    /// <summary>The facets do not depend on sort or page; words are matched case-blind, so the text is keyed lower case and single-spaced.</summary>
    public static string Key(Contracts.SearchProducts q, string text) =>
        string.Join('\u001f', string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            q.Category, q.Brand, q.MinPriceEtb, q.MaxPriceEtb, q.InStock, q.MinRating);

    public Kept? Find(string key) => kept.TryGetValue(key, out var k) ? k : null;

    internal sealed record KeptAnswer(long Generation, SearchResult Result);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KeptAnswer> answers = new();

    public static string AnswerKey(Contracts.SearchProducts q, string text) => string.Join('\u001e', Key(q, text), q.Sort, q.Page, q.PageSize);

    public KeptAnswer? FindAnswer(string key) => answers.TryGetValue(key, out var k) ? k : null;

    public void KeepAnswer(string key, KeptAnswer value)
    {
        if (answers.Count >= options.Value.CachedFacetQueries) answers.Clear();
        answers.AddOrUpdate(key, value, (_, old) => old.Generation > value.Generation ? old : value);
    }

    public void Keep(string key, Kept value)
    {
        if (kept.Count >= options.Value.CachedFacetQueries) kept.Clear();
        kept.AddOrUpdate(key, value, (_, old) => old.Generation > value.Generation ? old : value);
    }
}

/// <summary>
/// Full-text search over <c>search.entries</c>: English stemmed words, Amharic words kept whole and a prefix of the last
/// word, matched through GIN indexes; ranking, a stable page and facet counts over the same matches (<see cref="SearchSql"/>).
/// When the words as typed find (almost) nothing, misspelt words are corrected against the lexicon of the catalogue's
/// words (pg_trgm similarity, the "did you mean" of the pg_trgm documentation) and the ordinary word search runs again.
/// </summary>
internal sealed partial class SearchProductsHandler(SearchReads reads, FacetCache facetCache, IOptions<SearchOptions> options) : IQueryHandler<Contracts.SearchProducts, SearchResult>
{
    /// <summary>pg_trgm similarity from which a catalogue word is taken for a query word it does not know.</summary>
    public const double TypoThreshold = 0.4;

    /// <summary>Words that find fewer products than this are checked for misspellings.</summary>
    public const int TypoFallbackBelow = 5;

    public async ValueTask<SearchResult> Handle(Contracts.SearchProducts q, CancellationToken ct)
    {
        Validate(q);
        var text = (q.Text ?? "").Trim();
        // A whole answer kept for the same query, filters, order and page: one statement reads the generation to know it is current.
        var answerKey = options.Value.CacheAnswers && options.Value.CacheFacets ? FacetCache.AnswerKey(q, text) : null;
        if (answerKey is not null && facetCache.FindAnswer(answerKey) is { } keptAnswer)
        {
            await using var conn = await reads.OpenAsync(ct);
            await using var read = new NpgsqlCommand(SearchSql.Generation, conn);
            if ((long)(await read.ExecuteScalarAsync(ct))! == keptAnswer.Generation) return keptAnswer.Result;
        }
        // The words of the query the lexicon does not know are looked up beside the facets (one cheap statement more), so a
        // misspelling costs one more search, not a round trip and a search.
        var words = text.Length > 0 ? QueryWords(text) : [];
        var (result, corrections, generation) = await RunAsync(q, text, words, answerKey is not null, ct);
        var answer = result;
        if (result.Total < TypoFallbackBelow && corrections.Count > 0)
        {
            var corrected = Corrected(text, words, corrections);
            var (second, _, secondGeneration) = await RunAsync(q, corrected, [], answerKey is not null, ct);
            if (second.Total > result.Total) answer = second with { CorrectedText = corrected };
            generation = Math.Min(generation, secondGeneration);
        }
        if (answerKey is not null && generation >= 0) facetCache.KeepAnswer(answerKey, new FacetCache.KeptAnswer(generation, answer));
        return answer;
    }

    /// <summary>
    /// Hits and facets, each on its own pooled connection (<see cref="SearchReads"/>) at the same time: a search waits for the
    /// slower of the two. With facets kept for the query (<see cref="FacetCache"/>), the hits' batch reads the index
    /// generation first and the facets are counted again only if it moved.
    /// </summary>
    /// <param name="generationWithHits">Read the generation before the hits too (an answer is kept under the older of the two).</param>
    private async Task<(SearchResult Result, Dictionary<string, string> Corrections, long Generation)> RunAsync(Contracts.SearchProducts q,
        string text, List<(int Start, int Length, string Word)> words, bool generationWithHits, CancellationToken ct)
    {
        var sql = SearchSql.For(q, text, options.Value.RankedCandidates);
        var checkWords = words.Select(w => w.Word).Where(w => new System.Globalization.StringInfo(w).LengthInTextElements >= 3).Distinct().ToArray();
        var cache = options.Value.CacheFacets;
        var key = cache ? FacetCache.Key(q, text) : "";
        var kept = cache ? facetCache.Find(key) : null;
        Task<FacetCache.Kept> CountFacets() => QueryAsync(sql, sql.Facets, checkWords.Length > 0 ? checkWords : null, cache, async (r, generation, c) =>
        {
            var facets = await ReadFacets(r, c);
            var corrections = new Dictionary<string, string>();
            if (checkWords.Length > 0 && await r.NextResultAsync(c))
                while (await r.ReadAsync(c)) corrections[r.GetString(0)] = r.GetString(1);
            return new FacetCache.Kept(generation, facets, corrections);
        }, ct);
        var hitsTask = QueryAsync(sql, sql.Hits, null, kept is not null || generationWithHits, async (r, generation, c) => (Hits: await ReadHits(r, c), Generation: generation), ct);
        FacetCache.Kept counted;
        if (kept is null)
        {
            var facetsTask = CountFacets();
            await Task.WhenAll(hitsTask, facetsTask);
            counted = facetsTask.Result;
            if (cache) facetCache.Keep(key, counted);
        }
        else if ((await hitsTask).Generation == kept.Generation) counted = kept;
        else
        {
            counted = await CountFacets();
            facetCache.Keep(key, counted);
        }
        // Every match is either in stock or not: the availability facet counts them all.
        var total = counted.Facets.Availability.Sum(f => f.Count);
        var generation = generationWithHits ? Math.Min(hitsTask.Result.Generation, counted.Generation) : -1;
        return (new SearchResult(hitsTask.Result.Hits, total, q.Page, q.PageSize, counted.Facets), counted.Corrections, generation);
    }

    /// <param name="generationFirst">Read the index generation (<see cref="SearchSql.Generation"/>) in the same batch, before the statement; else -1.</param>
    private async Task<T> QueryAsync<T>(SearchSql sql, string statement, string[]? correctWords, bool generationFirst,
        Func<NpgsqlDataReader, long, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        await using var conn = await reads.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        if (generationFirst) batch.BatchCommands.Add(new NpgsqlBatchCommand(SearchSql.Generation));
        var command = new NpgsqlBatchCommand(statement);
        foreach (var (name, value) in sql.Parameters) command.Parameters.AddWithValue(name, value);
        batch.BatchCommands.Add(command);
        if (correctWords is not null)
        {
            var correct = new NpgsqlBatchCommand(CorrectionSql);
            correct.Parameters.AddWithValue("words", correctWords);
            correct.Parameters.AddWithValue("threshold", TypoThreshold);
            batch.BatchCommands.Add(correct);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var generation = -1L;
        if (generationFirst)
        {
            if (await reader.ReadAsync(ct)) generation = reader.GetInt64(0);
            await reader.NextResultAsync(ct);
        }
        return await read(reader, generation, ct);
    }

    private static async Task<IReadOnlyList<SearchHit>> ReadHits(NpgsqlDataReader r, CancellationToken ct)
    {
        var hits = new List<SearchHit>();
        while (await r.ReadAsync(ct))
            hits.Add(new SearchHit(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetDecimal(6), r.GetDecimal(7), r.GetBoolean(8), r.IsDBNull(9) ? null : r.GetDecimal(9),
                r.GetInt32(10), r.GetDouble(11)));
        return hits;
    }

    private static readonly string[] PriceRanges = ["0-500", "500-1000", "1000-2500", "2500-5000", "5000+"];
    private static readonly (string Bucket, int From)[] RatingBuckets = [("4+", 3), ("3+", 2), ("2+", 1)];

    /// <summary>Rolls the counts per facet key up into the five facets: a category counts the products of its path's every level.</summary>
    private static async Task<SearchFacets> ReadFacets(NpgsqlDataReader r, CancellationToken ct)
    {
        var categories = new Dictionary<string, long>();
        var brands = new Dictionary<string, long>();
        var prices = new long[PriceRanges.Length];
        var stock = new Dictionary<string, long>();
        var ratings = new long[4];
        while (await r.ReadAsync(ct))
        {
            var n = r.GetInt64(5);
            if (!r.IsDBNull(0))
                foreach (var slug in r.GetFieldValue<string[]>(0)) categories[slug] = categories.GetValueOrDefault(slug) + n;
            if (!r.IsDBNull(1)) brands[r.GetString(1)] = brands.GetValueOrDefault(r.GetString(1)) + n;
            prices[r.GetInt32(2)] += n;
            ratings[r.GetInt32(3)] += n;
            var availability = r.GetBoolean(4) ? "in_stock" : "out_of_stock";
            stock[availability] = stock.GetValueOrDefault(availability) + n;
        }
        static List<FacetValue> Top(Dictionary<string, long> values) =>
            values.Select(v => new FacetValue(v.Key, v.Value)).OrderByDescending(v => v.Count).ThenBy(v => v.Value).Take(20).ToList();
        return new SearchFacets(Top(categories), Top(brands),
            PriceRanges.Select((label, i) => new FacetValue(label, prices[i])).Where(v => v.Count > 0).ToList(),
            stock.Select(v => new FacetValue(v.Key, v.Value)).OrderBy(v => v.Value).ToList(),
            // Buckets are "at least": a 4.5 counts for 4+, 3+ and 2+.
            RatingBuckets.Select(b => new FacetValue(b.Bucket, ratings.Skip(b.From).Sum())).Where(v => v.Count > 0).ToList());
    }

    /// <summary>The text with each misspelt word replaced by the catalogue word found for it.</summary>
    private static string Corrected(string text, List<(int Start, int Length, string Word)> words, Dictionary<string, string> corrections)
    {
        var sb = new StringBuilder();
        var at = 0;
        foreach (var (start, length, word) in words)
        {
            if (!corrections.TryGetValue(word, out var replacement)) continue;
            sb.Append(text, at, start - at).Append(replacement);
            at = start + length;
        }
        return sb.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// For each query word (of three letters or more) the lexicon does not know, the most similar catalogue word, if its
    /// pg_trgm similarity reaches <see cref="TypoThreshold"/>: the five nearest by trigram distance (GiST), best first.
    /// </summary>
    internal const string CorrectionSql = """
        select w, c."Word"
          from unnest(@words::text[]) w
          cross join lateral (
            select n."Word", n.sml from (
              select l."Word", similarity(l."Word", w) as sml from search.lexicon l order by l."Word" <-> w limit 5) n
             order by n.sml desc, n."Word" limit 1) c
         where c.sml >= @threshold and not exists (select 1 from search.lexicon k where k."Word" = w)
        """;

    /// <summary>The words of a query (letters and digits of any script) with where they are, lower case.</summary>
    internal static List<(int Start, int Length, string Word)> QueryWords(string text) =>
        WordPattern().Matches(text).Select(m => (m.Index, m.Length, m.Value.ToLowerInvariant())).ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial System.Text.RegularExpressions.Regex WordPattern();

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
            .RequireRateLimiting(RateLimits.Search)
            .WithName("SearchProducts")
            .WithSummary("Searches published products in English and Amharic, typo tolerant, with facets (category, brand, price, stock, rating).")
            .Produces<SearchResult>()
            .ProducesValidationProblem();
}
