using AddisPay.Search.SearchProducts;

namespace AddisPay.Search.Suggest;

public sealed record Suggestion(string Slug, string Name, string NameAm);

/// <summary>
/// Autocomplete, asked at every keystroke: product names with a word starting with what was typed (the last word
/// as a prefix, as typed or as its English stem, since English names are indexed stemmed: "coffee" is "coffe"), one suggestion per name, from the best-placed products (in stock, rated, newest). The candidates
/// come from the entries' preference index, so a one-letter prefix matching most of the catalogue stops after a
/// few hundred rows instead of ranking every match. When nothing matches, a misspelt word is corrected from the
/// lexicon of catalogue words as search does, and the suggestions are for the corrected text. The API and another module
/// (the storefront's search box) both send <see cref="Contracts.SuggestProducts"/>, with the same limits.
/// </summary>
internal sealed class SuggestHandler(SearchDbContext db) : IQueryHandler<Contracts.SuggestProducts, IReadOnlyList<Contracts.ProductSuggestion>>
{
    /// <summary>Enough best-placed matches to find a handful of different names among products that share one.</summary>
    private const int Candidates = 64;

    public async ValueTask<IReadOnlyList<Contracts.ProductSuggestion>> Handle(Contracts.SuggestProducts query, CancellationToken ct)
    {
        if (query.Text.Length > 100 || query.Limit is < 1 or > 20)
            throw new AddisPay.Shared.Contracts.ValidationFailedException("q", "Up to 100 characters and 1-20 suggestions.");
        var text = query.Text.Trim().ToLowerInvariant();
        if (SearchProductsHandler.PrefixQuery(text) is null) return [];
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            // A last word no catalogue word starts with is a typo: correct it first, since looking for names that match
            // nothing would walk the whole preference index.
            if (!await BeginsACatalogueWordAsync(conn, text, ct))
                return await CorrectAsync(conn, text, ct) is { } corrected ? await NamesAsync(conn, corrected, query.Limit, ct) : [];
            var found = await NamesAsync(conn, text, query.Limit, ct);
            if (found.Count == 0 && await CorrectAsync(conn, text, ct) is { } other)
                found = await NamesAsync(conn, other, query.Limit, ct);
            return found;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<Contracts.ProductSuggestion>> NamesAsync(NpgsqlConnection conn, string text, int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select d."Slug", d."Name", d."NameAm"
              from (select e."ProductId", e."Preference" from search.entries e
                     where {EntrySql.Title} @@ (to_tsquery('simple', @prefix) || to_tsquery('english', @prefix))
                     order by e."Preference" desc, e."ProductId" limit {Candidates}) c
              join search.documents d on d."ProductId" = c."ProductId"
             order by c."Preference" desc, c."ProductId"
            """, conn);
        cmd.Parameters.AddWithValue("prefix", SearchProductsHandler.PrefixQuery(text)!);
        var names = new List<Contracts.ProductSuggestion>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                if (seen.Add(r.GetString(1))) names.Add(new Contracts.ProductSuggestion(r.GetString(0), r.GetString(1), r.GetString(2)));
        // Names that begin with what was typed read as its completion: those first, each group in preference order.
        return names.OrderBy(n => n.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase) || n.NameAm.StartsWith(text, StringComparison.Ordinal) ? 0 : 1)
            .Take(limit).ToList();
    }

    private static async Task<bool> BeginsACatalogueWordAsync(NpgsqlConnection conn, string text, CancellationToken ct)
    {
        var words = SearchProductsHandler.QueryWords(text);
        if (words.Count == 0) return false;
        // The lexicon leaves numbers out ("iphone 15"): only a word with letters can be checked against it.
        if (!words[^1].Word.Any(char.IsLetter)) return true;
        // Words are letters and digits only, so the prefix holds no LIKE wildcards.
        await using var cmd = new NpgsqlCommand("""select exists (select 1 from search.lexicon where "Word" like @last || '%')""", conn);
        cmd.Parameters.AddWithValue("last", words[^1].Word);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The text with its unknown words replaced by the most similar catalogue words, or null when none is close.</summary>
    private static async Task<string?> CorrectAsync(NpgsqlConnection conn, string text, CancellationToken ct)
    {
        var words = SearchProductsHandler.QueryWords(text).Where(w => w.Word.Length >= 3).Select(w => w.Word).Distinct().ToArray();
        if (words.Length == 0) return null;
        await using var cmd = new NpgsqlCommand(SearchProductsHandler.CorrectionSql, conn);
        cmd.Parameters.AddWithValue("words", words);
        cmd.Parameters.AddWithValue("threshold", SearchProductsHandler.TypoThreshold);
        var corrections = new Dictionary<string, string>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) corrections[r.GetString(0)] = r.GetString(1);
        if (corrections.Count == 0) return null;
        return string.Join(' ', SearchProductsHandler.QueryWords(text).Select(w => corrections.GetValueOrDefault(w.Word, w.Word)));
    }
}

internal static class SuggestEndpoint
{
    public static void MapSuggest(this IEndpointRouteBuilder api) =>
        api.MapGet("/suggest", async (ISender sender, CancellationToken ct, string q = "", int limit = 8) =>
            {
                if (q.Length > 100 || limit is < 1 or > 20)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["Up to 100 characters and 1-20 suggestions."] });
                return Results.Ok((await sender.Send(new Contracts.SuggestProducts(q, limit), ct)).Select(s => new Suggestion(s.Slug, s.Name, s.NameAm)).ToList());
            })
            .AllowAnonymous().RequireRateLimiting(RateLimits.Search).WithName("SuggestProducts").WithSummary("Autocomplete suggestions for what a shopper is typing.")
            .Produces<IReadOnlyList<Suggestion>>();
}
