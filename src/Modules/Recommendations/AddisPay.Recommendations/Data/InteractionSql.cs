using AddisPay.Recommendations.Contracts;

namespace AddisPay.Recommendations.Data;

/// <summary>
/// Behaviour (<c>recommendations.interactions</c>) and what is kept per shopper (<c>user_recommendations</c>,
/// <c>withheld</c>). The module keeps its data with SQL by design (docs/architecture.md: its DbContext holds the schema
/// only): one upsert per shopper, product and kind (a repeat only bumps the count and the time), a visitor's behaviour
/// merged into the customer's at sign-in, erasure, and the export's reads. No benchmark measured them.
/// </summary>
internal static class InteractionSql
{
    private const string Upsert = """
        insert into recommendations.interactions ("Subject", "ProductId", "Kind", "UserId", "Count", "FirstAt", "LastAt")
        select @subject, p, @kind, @user, 1, @at, @at from unnest(@products) as p
        on conflict ("Subject", "ProductId", "Kind") do update
           set "Count" = least(interactions."Count" + 1, 1000000), "LastAt" = greatest(interactions."LastAt", excluded."LastAt")
        """;

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

    /// <summary>Queues forgetting the shopper's rating signal (liked or disliked) of a product.</summary>
    public static void ForgetRating(IntegrationEventContext context, string subject, Guid productId) =>
        context.Defer("""
            delete from recommendations.interactions where "Subject" = @subject and "ProductId" = @product and "Kind" = any(@kinds)
            """, ("subject", subject), ("product", productId), ("kinds", new[] { (short)BehaviourKind.Liked, (short)BehaviourKind.Disliked }));

    /// <summary>Queues moving a visitor cart's behaviour to the customer (counts added, earliest and latest times kept).</summary>
    public static void MoveToCustomer(IntegrationEventContext context, string cartSubject, string userSubject, Guid userId)
    {
        context.Defer("""
            insert into recommendations.interactions ("Subject", "ProductId", "Kind", "UserId", "Count", "FirstAt", "LastAt")
            select @user, "ProductId", "Kind", @userId, "Count", "FirstAt", "LastAt" from recommendations.interactions where "Subject" = @cart
            on conflict ("Subject", "ProductId", "Kind") do update
               set "Count" = least(interactions."Count" + excluded."Count", 1000000), "FirstAt" = least(interactions."FirstAt", excluded."FirstAt"),
                   "LastAt" = greatest(interactions."LastAt", excluded."LastAt")
            """, ("user", userSubject), ("userId", userId), ("cart", cartSubject));
        context.Defer("""delete from recommendations.interactions where "Subject" = @cart""", ("cart", cartSubject));
    }

    /// <summary>Queues erasing a customer's behaviour, list and withheld products.</summary>
    public static void Erase(IntegrationEventContext context, Guid userId, string userSubject)
    {
        context.Defer("""delete from recommendations.interactions where "UserId" = @user""", ("user", userId));
        context.Defer("""delete from recommendations.user_recommendations where "UserId" = @user""", ("user", userId));
        context.Defer("""delete from recommendations.withheld where "Subject" = @subject""", ("subject", userSubject));
    }

    /// <summary>A customer's behaviour (kinds by name, oldest first) and personal list (by rank), for their data export.</summary>
    public static async Task<BehaviourExport> ExportAsync(NpgsqlConnection conn, Guid userId, Func<BehaviourKind, string> kindName, CancellationToken ct)
    {
        var behaviour = new List<ExportedBehaviour>();
        await using (var cmd = new NpgsqlCommand("""
            select "ProductId", "Kind", "Count", "FirstAt", "LastAt" from recommendations.interactions
             where "UserId" = @user order by "FirstAt", "ProductId", "Kind"
            """, conn))
        {
            cmd.Parameters.AddWithValue("user", userId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                behaviour.Add(new ExportedBehaviour(r.GetGuid(0), kindName((BehaviourKind)r.GetInt16(1)), r.GetInt32(2),
                    r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4)));
        }
        var list = new List<ExportedRecommendation>();
        await using (var cmd = new NpgsqlCommand("""
            select "Rank", "ProductId", "Score" from recommendations.user_recommendations where "UserId" = @user order by "Rank"
            """, conn))
        {
            cmd.Parameters.AddWithValue("user", userId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) list.Add(new ExportedRecommendation(r.GetInt32(0), r.GetGuid(1), r.GetDouble(2)));
        }
        return new BehaviourExport(behaviour, list);
    }

    private static (string, object?)[] Parameters(string subject, Guid? userId, IReadOnlyList<Guid> products, BehaviourKind kind, DateTimeOffset at) =>
        [("subject", subject), ("kind", (short)kind), ("user", userId), ("at", at), ("products", products.Distinct().ToArray())];
}
