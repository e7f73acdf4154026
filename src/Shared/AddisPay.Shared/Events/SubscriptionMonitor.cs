using AddisPay.Shared.Modules;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>
/// Publishes backlog, lag and dead-letter counts (those waiting for a replay) of this process's inboxes as Prometheus gauges, so an
/// alert can fire when a subscriber falls behind or parks events.
/// </summary>
internal sealed class SubscriptionMonitor(IReadOnlyList<InboxDescriptor> inboxes, string eventLogConnectionString,
    ILogger<SubscriptionMonitor> logger) : PeriodicJob(logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override TimeSpan Interval => Every;
    protected override bool RunsAtStart => true;
    protected override string FailureMessage => "could not measure the subscriptions";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        foreach (var inbox in inboxes)
        {
            try
            {
                await MeasureAsync(inbox, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // One inbox's failure (its schema not migrated yet) must not hide the others' gauges.
                logger.LogDebug(ex, "Could not measure subscription {Subscription}", inbox.Subscription);
            }
        }
    }

    private async Task MeasureAsync(InboxDescriptor inbox, CancellationToken ct)
    {
        var status = await ReadAsync(eventLogConnectionString, inbox, ct);
        EventMetrics.Backlog.WithLabels(inbox.Subscription).Set(status.Backlog);
        EventMetrics.LagSeconds.WithLabels(inbox.Subscription).Set(status.LagSeconds);
        EventMetrics.DeadLetters.WithLabels(inbox.Subscription).Set(status.DeadLetters);
    }

    public static async Task<SubscriptionStatus> ReadAsync(string connectionString, InboxDescriptor inbox, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(EventStoreSql.SubscriptionStatus(inbox.Module), conn);
        cmd.Parameters.AddWithValue("name", inbox.Subscription);
        cmd.Parameters.AddWithValue("types", inbox.EventTypes.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SubscriptionStatus(inbox.Subscription, reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}

public sealed record InboxDescriptor(string Module, string Subscription, IReadOnlyList<string> EventTypes);

public sealed record SubscriptionStatus(string Subscription, long Backlog, double LagSeconds, long Position, long DeadLetters);
