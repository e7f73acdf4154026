using AddisPay.Shared.Data;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Shared.Events;

/// <summary>Creates the shared `events` schema (Marten's event store and daemon progress tables).</summary>
internal sealed class EventLogMigration(string indexes = "") : IModuleMigration
{
    public string Module => EventLog.Schema;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        // Events are read by sequence, stream and type, never by their body: no statistics for ANALYZE to sort the
        // bodies for (see ModuleRegistration.SkipStatistics), on the table every checkout appends five rows to.
        await using var conn = store.Storage.Database.CreateConnection();
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"alter table {EventLog.Schema}.mt_events alter column data set statistics 0";
        await cmd.ExecuteNonQueryAsync(ct);
        if (indexes.Length == 0) return;
        // The session revocations every process polls (RevokedSessionsFeed): a partial index only they enter.
        cmd.CommandText = indexes;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
