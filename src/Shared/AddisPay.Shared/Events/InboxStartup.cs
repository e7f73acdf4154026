using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>
/// Runs before Marten's daemon starts. A subscriber killed after Marten created its progress row at
/// position 0 but before its first commit leaves a row that the next process reads as "no progress"
/// and then fails to INSERT (duplicate key), stalling the inbox for good. Position 0 means nothing was
/// processed, so removing such rows loses nothing and lets the subscription start cleanly.
/// </summary>
internal sealed class InboxStartup(IReadOnlyList<InboxDescriptor> inboxes, string eventLogConnectionString, ILogger<InboxStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection(eventLogConnectionString);
            await conn.OpenAsync(ct);
            foreach (var inbox in inboxes)
            {
                await using var cmd = new NpgsqlCommand(EventStoreSql.ClearUnstartedProgress, conn);
                cmd.Parameters.AddWithValue("name", inbox.Subscription);
                if (await cmd.ExecuteNonQueryAsync(ct) > 0)
                    logger.LogWarning("Cleared an unstarted progress marker of {Subscription} left by a killed process", inbox.Subscription);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Not migrated yet: nothing to repair.
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
