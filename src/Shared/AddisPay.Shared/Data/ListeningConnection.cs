using Microsoft.Extensions.Logging;
using Npgsql;

namespace AddisPay.Shared.Data;

/// <summary>
/// A connection of its own held open to LISTEN for PostgreSQL notifications (delivered when the notifying transaction
/// commits), for a worker that would otherwise poll: the delivery worker's due messages, the event log's appends. It
/// reconnects after a failure with a back-off (1 s doubling to 30 s) and calls <c>notified</c> on every (re)connection
/// too, since notifications sent while it was away are lost; its owner keeps a slow poll as the fallback for the time
/// it is away.
/// </summary>
public static class ListeningConnection
{
    /// <param name="connectionString">The database to listen on; the connection is unpooled (LISTEN is session state).</param>
    /// <param name="applicationName">How the connection shows in pg_stat_activity.</param>
    /// <param name="listen">Runs the LISTEN statement(s) on the opened connection (kept in the owner's *Sql family).</param>
    /// <param name="notified">Called for each notification and after each (re)connection; must not block.</param>
    /// <param name="whileAway">Logged with a failure: what happens until it listens again.</param>
    public static async Task RunAsync(string connectionString, string applicationName, Func<NpgsqlConnection, CancellationToken, Task> listen,
        Action notified, ILogger logger, string whileAway, CancellationToken stoppingToken)
    {
        connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            // A connection the network dropped is found by a keepalive, not by the next notification that never comes.
            KeepAlive = 30,
            ApplicationName = applicationName,
        }.ConnectionString;
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => notified();
                await connection.OpenAsync(stoppingToken);
                await listen(connection, stoppingToken);
                retry = TimeSpan.FromSeconds(1);
                notified();
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "{Listener}: listening failed; {WhileAway} until it listens again", applicationName, whileAway);
            }
            try { await Task.Delay(retry, stoppingToken); }
            catch (OperationCanceledException) { return; }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }
}
