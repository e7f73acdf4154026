using AddisPay.Shared.Data;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Shared.Events;

/// <summary>Creates the shared `events` schema (Marten's event store and daemon progress tables).</summary>
internal sealed class EventLogMigration : IModuleMigration
{
    public string Module => EventLog.Schema;

    public Task MigrateAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
}
