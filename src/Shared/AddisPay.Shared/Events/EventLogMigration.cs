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
        await SchemaFingerprint.ApplyAsync(store, "event-log", atStartup, ct, EventStoreSql.SkipBodyStatistics + indexes);
    }
}
