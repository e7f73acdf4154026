using AddisPay.Recommendations.Contracts;
using AddisPay.Recommendations.Data;
using AddisPay.Recommendations.Scoring;
using Mediator;
using Npgsql;

namespace AddisPay.Recommendations.Privacy;

/// <summary>
/// A customer's behaviour and personal list as their data export carries them (deletion: Tracking/RecordBehaviour's
/// UserDeleted handler). Visitor behaviour from before they signed in is not theirs to export: it is kept under the
/// visitor's cookie, which names no one.
/// </summary>
internal sealed class ExportBehaviourOfCustomer(RecommendationsDatabase database) : IQueryHandler<ExportBehaviourOf, BehaviourExport>
{
    public async ValueTask<BehaviourExport> Handle(ExportBehaviourOf query, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct);
        var behaviour = new List<ExportedBehaviour>();
        await using (var cmd = new NpgsqlCommand("""
            select "ProductId", "Kind", "Count", "FirstAt", "LastAt" from recommendations.interactions
             where "UserId" = @user order by "FirstAt", "ProductId", "Kind"
            """, conn))
        {
            cmd.Parameters.AddWithValue("user", query.UserId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                behaviour.Add(new ExportedBehaviour(r.GetGuid(0), KindName((BehaviourKind)r.GetInt16(1)), r.GetInt32(2),
                    r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4)));
        }
        var list = new List<ExportedRecommendation>();
        await using (var cmd = new NpgsqlCommand("""
            select "Rank", "ProductId", "Score" from recommendations.user_recommendations where "UserId" = @user order by "Rank"
            """, conn))
        {
            cmd.Parameters.AddWithValue("user", query.UserId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) list.Add(new ExportedRecommendation(r.GetInt32(0), r.GetGuid(1), r.GetDouble(2)));
        }
        return new BehaviourExport(behaviour, list);
    }

    public static string KindName(BehaviourKind kind) => kind.ToString().ToLowerInvariant();
}
