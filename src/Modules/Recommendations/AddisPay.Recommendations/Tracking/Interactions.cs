using AddisPay.Recommendations.Scoring;
using AddisPay.Shared.Events;
using Npgsql;

namespace AddisPay.Recommendations.Tracking;

/// <summary>Records behaviour as one upsert per shopper, product and kind (a repeat only bumps the count and the time).</summary>
internal static class Interactions
{
    public static string OfUser(Guid id) => $"u:{id}";
    public static string OfVisitor(Guid id) => $"v:{id}";
    public static string OfCart(Guid id) => $"c:{id}";

    public static async Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string subject, Guid? userId, IReadOnlyList<Guid> products,
        BehaviourKind kind, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Upsert, conn, tx);
        foreach (var (name, value) in Parameters(subject, userId, products, kind, at)) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The same upsert, queued to go with the inbox transaction's other writes.</summary>
    public static void Record(IntegrationEventContext context, string subject, Guid? userId, IReadOnlyList<Guid> products, BehaviourKind kind, DateTimeOffset at) =>
        context.Defer(Upsert, Parameters(subject, userId, products, kind, at));

    private const string Upsert = """
        insert into recommendations.interactions ("Subject", "ProductId", "Kind", "UserId", "Count", "FirstAt", "LastAt")
        select @subject, p, @kind, @user, 1, @at, @at from unnest(@products) as p
        on conflict ("Subject", "ProductId", "Kind") do update
           set "Count" = least(interactions."Count" + 1, 1000000), "LastAt" = greatest(interactions."LastAt", excluded."LastAt")
        """;

    private static (string, object?)[] Parameters(string subject, Guid? userId, IReadOnlyList<Guid> products, BehaviourKind kind, DateTimeOffset at) =>
        [("subject", subject), ("kind", (short)kind), ("user", userId), ("at", at), ("products", products.Distinct().ToArray())];
}
