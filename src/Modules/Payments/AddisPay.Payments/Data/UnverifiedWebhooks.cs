namespace AddisPay.Payments.Data;

/// <summary>
/// The hourly counts of webhook calls that did not verify (payments.unverified_webhooks): counted with one upsert per
/// call, so however many arrive the table gains at most one row per gateway and hour, and forgotten after the retention.
/// </summary>
internal static class UnverifiedWebhooks
{
    /// <summary>The name any gateway we don't have is counted under.</summary>
    public const string UnknownGateway = "unknown";

    public static Task CountAsync(PaymentsDbContext db, string gateway, DateTimeOffset at, CancellationToken ct)
    {
        return UnverifiedWebhookSql.CountAsync(db, gateway, HourOf(at), ct);
    }

    /// <summary>Removes the counts of hours that began before <paramref name="before"/>; returns how many went.</summary>
    public static Task<int> ForgetBeforeAsync(PaymentsDbContext db, DateTimeOffset before, CancellationToken ct)
    {
        var utc = before.ToUniversalTime();
        return db.UnverifiedWebhooks.Where(w => w.Hour < utc).ExecuteDeleteAsync(ct);
    }

    internal static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.UtcTicks;
        return new DateTimeOffset(utc - utc % TimeSpan.TicksPerHour, TimeSpan.Zero);
    }
}
