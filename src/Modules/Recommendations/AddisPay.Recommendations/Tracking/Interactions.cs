using AddisPay.Recommendations.Scoring;
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
        await using var cmd = new NpgsqlCommand("""
            insert into recommendations.interactions ("Subject", "ProductId", "Kind", "UserId", "Count", "FirstAt", "LastAt")
            select @subject, p, @kind, @user, 1, @at, @at from unnest(@products) as p
            on conflict ("Subject", "ProductId", "Kind") do update
               set "Count" = least(interactions."Count" + 1, 1000000), "LastAt" = greatest(interactions."LastAt", excluded."LastAt")
            """, conn, tx);
        cmd.Parameters.AddWithValue("subject", subject);
        cmd.Parameters.AddWithValue("kind", (short)kind);
        cmd.Parameters.AddWithValue("user", userId is { } u ? u : DBNull.Value);
        cmd.Parameters.AddWithValue("at", at);
        cmd.Parameters.AddWithValue("products", products.Distinct().ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
