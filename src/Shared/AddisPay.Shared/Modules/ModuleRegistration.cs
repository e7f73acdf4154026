using AddisPay.Shared.Data;
using AddisPay.Shared.Events;
using Marten;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AddisPay.Shared.Modules;

/// <summary>What a module may add to a process it runs in. Everything here is skipped when the module is not selected.</summary>
public sealed class ModuleRegistration
{
    internal ModuleRegistration(string name, IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        Name = name;
        Services = services;
        Configuration = configuration;
        Environment = environment;
    }

    public string Name { get; }
    public IServiceCollection Services { get; }
    public IConfiguration Configuration { get; }
    public IHostEnvironment Environment { get; }

    /// <summary>The module's own schema: every table it owns lives there.</summary>
    public string Schema => Name;

    /// <summary>ConnectionStrings:{module}, falling back to ConnectionStrings:AddisPay.</summary>
    public string ConnectionString => Databases.ForModuleWork(Databases.ConnectionStringFor(Configuration, Name));

    internal List<Type> EventHandlers { get; } = [];

    /// <summary>Whether the module keeps tables in its schema (a module that only shows others' data, the storefront, has none).</summary>
    internal bool OwnsData { get; private set; }

    internal int InboxLanes { get; private set; } = 1;

    /// <summary>
    /// Lets the module's inbox handle events of different streams at once, in up to <paramref name="lanes"/>
    /// transactions, each stream's events still one after the other in log order. Only for a module whose
    /// handlers never depend on the order of events from different streams (Orders: every event it follows is
    /// about one order). A single ordered inbox is one chain of round trips: on a busy process its every await
    /// queues behind the requests, and it falls behind the checkouts that feed it.
    /// </summary>
    public ModuleRegistration HandleStreamsConcurrently(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        InboxLanes = lanes;
        return this;
    }

    /// <summary>An EF Core context for the module's relational data, in its schema, migrated by the migrate step.</summary>
    public ModuleRegistration AddRelationalData<TContext>() where TContext : DbContext
    {
        var schema = Schema;
        var connectionString = ConnectionString;
        OwnsData = true;
        Services.AddDbContextPool<TContext>(o => o
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", schema))
            .AddInterceptors(WithoutSavepoints.Instance));
        Services.AddSingleton<IModuleMigration>(new EfCoreMigration<TContext>(Name));
        // The module's unit of work: its commands and inbox handlers save and publish through it.
        Services.AddScoped<ModuleWork<TContext>>();
        Services.AddKeyedScoped<UnitOfWork>(Name, (sp, _) => sp.GetRequiredService<ModuleWork<TContext>>());
        return this;
    }

    /// <summary>
    /// A Marten document store for the module's documents, in its schema. Returned as
    /// <typeparamref name="TStore"/> so no other module can resolve it.
    /// </summary>
    public ModuleRegistration AddDocumentData<TStore>(Action<StoreOptions> configure) where TStore : class, IDocumentStore
    {
        var schema = Schema;
        var connectionString = ConnectionString;
        OwnsData = true;
        Services.AddMartenStore<TStore>(opts =>
        {
            opts.Connection(connectionString);
            opts.DatabaseSchemaName = schema;
            opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
            opts.UseSystemTextJsonForSerialization();
            configure(opts);
        });
        Services.AddSingleton<IModuleMigration>(new MartenMigration<TStore>(Name));
        // The module's unit of work: its commands and inbox handlers save and publish through it.
        Services.AddScoped<DocumentWork<TStore>>();
        Services.AddKeyedScoped<UnitOfWork>(Name, (sp, _) => sp.GetRequiredService<DocumentWork<TStore>>());
        return this;
    }

    /// <summary>
    /// Subscribes the module to an integration event. The handler runs once per event even if the event is
    /// delivered twice, inside a transaction that also records the event as processed.
    /// </summary>
    public ModuleRegistration Subscribe<TEvent, THandler>()
        where TEvent : Contracts.IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        // The inbox dedupes by event id per module, so a module handles each event type in one place.
        if (EventHandlers.Contains(typeof(TEvent)))
            throw new InvalidOperationException($"Module '{Name}' already subscribes to {typeof(TEvent).Name}; handle it in one handler.");
        // Keyed by module: several modules may handle the same event, each through its own inbox.
        Services.AddKeyedScoped<IIntegrationEventHandler<TEvent>, THandler>(Name);
        EventHandlers.Add(typeof(TEvent));
        return this;
    }

    /// <summary>
    /// Tells PostgreSQL not to keep statistics on <paramref name="columns"/> of the module's <paramref name="table"/>:
    /// documents, rendered bodies, snapshots that no query filters or sorts on. ANALYZE otherwise samples and sorts
    /// them whenever a tenth of the table has changed, and on tables that grow with every checkout that was 7% of the
    /// database's CPU under load (jsonb and long text compare slowly), for statistics no plan uses. Run by the migrate
    /// step after the module's own migrations.
    /// </summary>
    public ModuleRegistration SkipStatistics(string table, params string[] columns)
    {
        var sql = $"alter table \"{Schema}\".\"{table}\" " + string.Join(", ", columns.Select(c => $"alter column \"{c}\" set statistics 0"));
        Services.AddSingleton<IModuleMigration>(new SqlMigration(Name, ConnectionString, sql));
        return this;
    }

    /// <summary>
    /// SQL the migrate step runs after the module's own migrations, every time: it must be idempotent (a backfill that
    /// only touches rows still missing what it fills in).
    /// </summary>
    public ModuleRegistration MigrateWithSql(string sql)
    {
        Services.AddSingleton<IModuleMigration>(new SqlMigration(Name, ConnectionString, sql));
        return this;
    }

    public ModuleRegistration AddReadinessCheck(string name, IHealthCheck check)
    {
        Services.AddHealthChecks().AddCheck($"{Name}:{name}", check, tags: ["ready"]);
        return this;
    }
}
