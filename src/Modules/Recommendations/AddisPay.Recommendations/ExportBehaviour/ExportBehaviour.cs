using AddisPay.Recommendations.Contracts;

namespace AddisPay.Recommendations.ExportBehaviour;

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
        return await InteractionSql.ExportAsync(conn, query.UserId, KindName, ct);
    }

    public static string KindName(BehaviourKind kind) => kind.ToString().ToLowerInvariant();
}
