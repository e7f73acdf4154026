using AddisPay.Shared.Data;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Shared.Events;

/// <summary>Creates the shared `events` schema (Marten's event store and daemon progress tables).</summary>
internal sealed class EventLogMigration(string indexes = "") : IModuleMigration
{
    public string Module => EventLog.Schema;

    public async Task MigrateAsync(IServiceProvider services, bool atStartup, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        // Events are read by sequence, stream and type, never by their body: no statistics for ANALYZE to sort the
        // bodies for (see ModuleRegistration.SkipStatistics), on the table every checkout appends five rows to. And the
        // session revocations every process polls (RevokedSessionsFeed): a partial index only they enter.
        var ddl = $"alter table {EventLog.Schema}.mt_events alter column data set statistics 0;\n" + indexes;
        await SchemaFingerprint.ApplyAsync(store, "event-log", atStartup, ct, ddl);
    }
}
