namespace AddisPay.Payments.Data;

/// <summary>
/// The hourly count of webhook calls that did not verify (<c>payments.unverified_webhooks</c>, mapped as
/// <see cref="UnverifiedWebhookCount"/>): one upsert per call, so a flood of forgeries moves a counter instead of adding
/// rows. EF Core has no upsert; no benchmark measured it.
/// </summary>
internal static class UnverifiedWebhookSql
{
    public static Task CountAsync(PaymentsDbContext db, string gateway, DateTimeOffset hour, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into payments.unverified_webhooks ("Gateway", "Hour", "Calls") values ({gateway}, {hour}, 1)
            on conflict ("Gateway", "Hour") do update set "Calls" = unverified_webhooks."Calls" + 1
            """, ct);
}
