using AddisPay.Search.Index;
using AddisPay.Search.SearchProducts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.Search.Suggest;

public sealed record Suggestion(string Slug, string Name, string NameAm);

internal sealed record SuggestQuery(string Text, int Limit) : IQuery<IReadOnlyList<Suggestion>>;

/// <summary>Autocomplete: names that start with what was typed (any word), or nearly do.</summary>
internal sealed class SuggestHandler(SearchDbContext db) : IQueryHandler<SuggestQuery, IReadOnlyList<Suggestion>>
{
    public async ValueTask<IReadOnlyList<Suggestion>> Handle(SuggestQuery query, CancellationToken ct)
    {
        var prefix = SearchProductsHandler.PrefixQuery(query.Text);
        if (prefix is null) return [];
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand("""
                select d."Slug", d."Name", d."NameAm" from search.documents d
                 where d."ProductId" in (select e."ProductId" from search.entries e where e."SearchVector" @@ to_tsquery('simple', @prefix)
                                         union select x."ProductId" from search.documents x where @text <% x."SearchText")
                 order by word_similarity(@text, d."SearchText") desc, d."InStock" desc, d."Name"
                 limit @limit
                """, conn);
            cmd.Parameters.AddWithValue("prefix", prefix);
            cmd.Parameters.AddWithValue("text", query.Text.Trim().ToLowerInvariant());
            cmd.Parameters.AddWithValue("limit", query.Limit);
            var list = new List<Suggestion>();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) list.Add(new Suggestion(r.GetString(0), r.GetString(1), r.GetString(2)));
            return list;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

internal static class SuggestEndpoint
{
    public static void MapSuggest(this IEndpointRouteBuilder api) =>
        api.MapGet("/suggest", async (ISender sender, CancellationToken ct, string q = "", int limit = 8) =>
            {
                if (q.Length > 100 || limit is < 1 or > 20)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["Up to 100 characters and 1-20 suggestions."] });
                return Results.Ok(await sender.Send(new SuggestQuery(q, limit), ct));
            })
            .AllowAnonymous().WithName("SuggestProducts").WithSummary("Autocomplete suggestions for what a shopper is typing.")
            .Produces<IReadOnlyList<Suggestion>>();
}
