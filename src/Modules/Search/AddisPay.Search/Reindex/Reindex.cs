using AddisPay.Products.Contracts;
using AddisPay.Search.IndexProducts;
using AddisPay.Search.IndexRatings;

namespace AddisPay.Search.Reindex;

public sealed record ReindexResult(int Documents, double Seconds);

internal sealed record ReindexCommand : ICommand<ReindexResult>;

/// <summary>
/// Rebuilds the read model from Products' catalogue pages (through its Contracts, so it works when Products
/// runs in another pod), swapping the new documents in within one transaction: searches never see a
/// half-built index. The entries searches scan and the lexicon of words are rebuilt from the new documents at the end.
/// </summary>
internal sealed class ReindexHandler(SearchDbContext db, ISender sender) : ICommandHandler<ReindexCommand, ReindexResult>
{
    public async ValueTask<ReindexResult> Handle(ReindexCommand command, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await DocumentSql.ClearAsync(conn, tx, ct);
        var count = 0;
        Guid? after = null;
        while (true)
        {
            var page = await sender.Send(new GetCataloguePage(after, 500), ct);
            foreach (var product in page) await DocumentSql.UpsertAsync(conn, tx, product, ct, syncEntry: false);
            count += page.Count;
            if (page.Count < 500) break;
            after = page[^1].ProductId;
        }
        await DocumentSql.RebuildEntriesAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
        await db.Database.CloseConnectionAsync();
        return new ReindexResult(count, started.Elapsed.TotalSeconds);
    }
}

internal static class ReindexEndpoint
{
    public static void MapReindex(this IEndpointRouteBuilder api) =>
        api.MapPost("/reindex", async (ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new ReindexCommand(), ct)))
            .RequireAuthorization(Policies.Admin).WithName("ReindexSearch")
            .WithSummary("Rebuilds the search index from the Products catalogue (admin).")
            .Produces<ReindexResult>();
}
