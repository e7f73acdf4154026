using AddisPay.Shared.Data;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using AddisPay.Shared.Messaging;
using AddisPay.Shared.Modules;
using AddisPay.Shared.Observability;
using AddisPay.Shared.Security;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Events;

namespace AddisPay.Shared;

/// <summary>
/// Everything a process of the platform has regardless of which modules it runs: configuration of the
/// database, the event log, logging, metrics, health, authentication, problem details and API docs.
/// </summary>
public static class Platform
{
    /// <summary>Adds the platform and the selected <paramref name="modules"/> to the builder.</summary>
    public static ModuleSelection AddAddisPay(this WebApplicationBuilder builder, params IModule[] modules)
    {
        var config = builder.Configuration;
        var env = builder.Environment;
        var selection = ModuleSelection.FromConfiguration(config, modules.Select(m => m.Name).ToArray());
        var modulesLabel = string.Join(",", selection.Enabled.Order());

        ConfigureLogging(builder, new LogSource(
            LogSource.ServiceName(selection.Enabled, selection.Known.Count),
            config["AddisPay:Logging:ServiceVersion"] is { Length: > 0 } version ? version : AssemblyVersion(),
            env.EnvironmentName, Environment.MachineName, modulesLabel));
        RefuseToStartWithoutADatabase(builder);

        var services = builder.Services;
        services.AddSingleton(selection);
        foreach (var m in modules) services.AddSingleton(m);
        services.AddSingleton<ModuleDirectory>();
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
        });
        services.AddProblemJsonForEveryClient();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // so malformed bodies reach the problem handler
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(TextWithoutNul.Converter);
        });
        services.AddPlatformApiDocument();
        services.AddPlatformAuthentication(config, env);
        services.AddPlatformRateLimits(config);
        // The server's name and version help only whoever is looking for a known flaw.
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);

        // Cross-module requests: local handler when the owner runs here, HTTP to its pods when it doesn't.
        var timeouts = new InternalApiOptions();
        timeouts.AttemptTimeout = config.GetValue($"{InternalApiOptions.Section}:AttemptTimeout", timeouts.AttemptTimeout);
        timeouts.CommandTimeout = config.GetValue($"{InternalApiOptions.Section}:CommandTimeout", timeouts.CommandTimeout);
        timeouts.TotalTimeout = config.GetValue($"{InternalApiOptions.Section}:TotalTimeout", timeouts.TotalTimeout);
        if (timeouts.TimeoutsProblem() is { } timeoutsProblem) throw new InvalidOperationException(timeoutsProblem);
        services.Configure<InternalApiOptions>(o =>
        {
            o.Key = config["AddisPay:InternalKey"] ?? "";
            config.GetSection("AddisPay:Endpoints").Bind(o.Endpoints);
            (o.AttemptTimeout, o.CommandTimeout, o.TotalTimeout) = (timeouts.AttemptTimeout, timeouts.CommandTimeout, timeouts.TotalTimeout);
        });
        if (!env.IsDevelopment() && InternalKeyRule.Weakness(config[InternalKeyRule.Key]) is { } weakness)
            throw new InvalidOperationException(weakness);
        RemoteModuleClient.Register(services);

        var eventLogConnection = Databases.ConnectionStringFor(config, Databases.Main);
        var health = services.AddHealthChecks()
            .AddCheck("database", new DatabaseHealthCheck(eventLogConnection), tags: ["ready"]);

        // Events that end sessions, whichever module's Contracts declare them: every process follows them (RevokedSessionsFeed).
        var revocations = modules.Select(m => m.Contracts).SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsSubclassOf(typeof(Contracts.IntegrationEvent)) && !t.IsAbstract && typeof(Contracts.ISessionsRevoked).IsAssignableFrom(t))
            .ToDictionary(EventLog.AliasOf, t => t);

        // Modules: only the selected ones add services, handlers, migrations, workers and checks.
        services.AddSingleton<IModuleMigration>(new EventLogMigration(EventStoreSql.RevocationIndex(revocations.Keys)));
        var inboxes = new List<InboxDescriptor>();
        var inboxCatalogue = new InboxCatalogue(eventLogConnection);
        var policy = config.GetSection("AddisPay:Events:Inbox").Get<InboxPolicy>() ?? new InboxPolicy();
        var subscriptions = new List<Func<IServiceProvider, ModuleInbox>>();
        // Events a module subscribes to keep their module-qualified names even when their publisher's code is not
        // registered in this Host yet (Orders' events for Reviews), so publisher and subscriber agree on the name.
        var subscribedContracts = new HashSet<System.Reflection.Assembly>();
        // Commands of a module with a unit of work save and publish through it (UnitOfWorkBehavior).
        var commandOwners = new CommandOwners();
        services.AddSingleton(commandOwners);
        services.AddScoped(typeof(Mediator.IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));
        foreach (var module in modules.Where(m => selection.IsEnabled(m.Name)))
        {
            var registration = new ModuleRegistration(module.Name, services, config, env);
            module.Register(registration);
            commandOwners.Add(module.GetType().Assembly, module.Name);
            commandOwners.Add(module.Contracts, module.Name);
            services.AddPeriodicJobsOf(module.GetType().Assembly);
            if (registration.OwnsData || registration.EventHandlers.Count > 0)
                health.AddCheck($"{module.Name}:schema", new SchemaHealthCheck(registration.ConnectionString, registration.Schema), tags: ["ready"]);
            if (registration.EventHandlers.Count == 0) continue;

            var name = module.Name;
            var connection = registration.ConnectionString;
            var eventTypes = registration.EventHandlers.ToArray();
            var lanes = registration.InboxLanes;
            subscribedContracts.UnionWith(eventTypes.Select(t => t.Assembly));
            services.AddSingleton<IModuleMigration>(new SqlMigration(name, connection, ModuleInbox.Ddl(registration.Schema)));
            subscriptions.Add(sp => new ModuleInbox(name, connection, eventTypes, sp, policy, lanes));
            var descriptor = new InboxDescriptor(name, ModuleInbox.SubscriptionName(name), eventTypes.Select(EventLog.AliasOf).ToArray());
            inboxes.Add(descriptor);
            inboxCatalogue.Add(new InboxRegistration(name, connection, eventTypes.ToDictionary(EventLog.AliasOf), descriptor));
        }

        // Dead letters listed and replayed by module name, here or in the module's pods (InboxOperations.cs).
        services.AddSingleton(inboxCatalogue);
        services.AddSingleton<InboxDeadLetters>();
        services.AddScoped<ModuleAddressedRouter>();
        if (FailingHandlers.Allowed(env)) services.AddSingleton(new FailingHandlers(FailingHandlers.Configured(config)));
        else if (FailingHandlers.Configured(config) is { Length: > 0 } broken)
            services.AddHostedService(sp => new FailingHandlersRefused(broken, sp.GetRequiredService<ILogger<FailingHandlersRefused>>()));

        if (subscriptions.Count > 0)
            services.AddHostedService(sp => new InboxStartup(inboxes, eventLogConnection, sp.GetRequiredService<ILogger<InboxStartup>>()));

        var contractAssemblies = modules.Select(m => m.Contracts).Union(subscribedContracts).ToArray();
        var polling = config.GetSection(EventLogPollingOptions.Section).Get<EventLogPollingOptions>() ?? new EventLogPollingOptions();
        if (polling.Problem() is { } pollingProblem) throw new InvalidOperationException(pollingProblem);
        // One listening connection per process wakes every follower of the log at each commit that appended to it.
        services.AddSingleton(sp => new EventLogAppends(eventLogConnection, sp.GetRequiredService<ILogger<EventLogAppends>>()));
        services.AddHostedService(sp => sp.GetRequiredService<EventLogAppends>());
        var marten = services.AddMarten(sp =>
        {
            var opts = new StoreOptions();
            EventLog.Configure(opts, eventLogConnection, contractAssemblies);
            polling.ApplyTo(opts.Projections);
            // The high-water detection, which moves every inbox of the process, waits on the listener between its polls.
            // Marten's own UseListenNotifyForEventAppends would open a second listening connection per process (and
            // only its own appends notify, while AddisPay appends with EventStoreSql.Append, which notifies itself).
            opts.Projections.Wakeup = sp.GetRequiredService<EventLogAppends>().Follow(EventLogPollingOptions.WakeSpacing);
            foreach (var subscribe in subscriptions) opts.Events.Subscribe(subscribe(sp));
            return opts;
        });
        if (subscriptions.Count > 0)
        {
            marten.AddAsyncDaemon(DaemonMode.HotCold);
            services.AddHostedService(sp => new SubscriptionMonitor(inboxes, eventLogConnection,
                sp.GetRequiredService<ILogger<SubscriptionMonitor>>()));
        }
        services.AddSingleton<EventLog>();
        var auth = config.GetSection("AddisPay:Auth").Get<AuthOptions>() ?? new AuthOptions();
        services.AddHostedService(sp => new RevokedSessionsFeed(sp.GetRequiredService<RevokedSessions>(), sp.GetRequiredService<IDocumentStore>(),
            Databases.ForModuleWork(eventLogConnection), revocations, auth, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RevokedSessionsFeed>>(),
            sp.GetRequiredService<EventLogAppends>()));
        services.AddSingleton<IReadOnlyList<InboxDescriptor>>(inboxes);
        services.AddSingleton<MigrationRunner>();
        return selection;
    }

    /// <summary>Adds middleware and maps health, metrics, API docs and every selected module's endpoints.</summary>
    public static WebApplication UseAddisPay(this WebApplication app)
    {
        var selection = app.Services.GetRequiredService<ModuleSelection>();
        // First, so everything after it (logs, rate limits) sees the client's address rather than the ingress's.
        if (ClientAddresses.ForwardedHeaders(app.Configuration) is { } forwarded) app.UseForwardedHeaders(forwarded);
        app.UseInternalPort(app.Configuration);
        app.UseSecurityHeaders(app.Configuration, ApiDocsPath);
        // Outermost, so each request line carries the status actually sent (a 409 is logged as a 409, not as the
        // exception on its way to the problem handler); the user (user.id in ECS) is read when the request ends.
        app.UseSerilogRequestLogging(o =>
        {
            o.GetLevel = (http, _, ex) =>
                ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.User.FindFirst("sub")?.Value is { } user) diagnostics.Set("UserId", user);
                diagnostics.Set("Module", ModuleOf(http.Request.Path));
            };
        });
        app.UseExceptionHandler();
        app.UseProblemStatusPages();
        app.Use(TextWithoutNul.RejectInUrlAsync);
        app.UseHttpMetrics(o => o.AddCustomLabel("module", http => ModuleOf(http.Request.Path)));
        app.UseRateLimiter(); // before authentication: a refused request costs no token validation
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication, so a policy knows a signed-in caller (a module's reads kept for anonymous shoppers only).
        if (app.Services.GetService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>() is not null) app.UseOutputCache();
        foreach (var site in app.Services.GetServices<IModule>().Where(m => selection.IsEnabled(m.Name)).OfType<IServesPages>())
            site.MapPages(app);

        // Probes and scrapes come from the cluster, often, from a few addresses: never rate limited.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync
        }).AllowAnonymous().DisableRateLimiting();
        app.MapMetrics("/metrics").AllowAnonymous().DisableRateLimiting();
        // The API reference shows every endpoint to whoever asks: on where developers work, opt-in in production.
        if (ApiDocsEnabled(app))
        {
            app.MapOpenApi().AllowAnonymous();
            // Nothing fetched from Scalar's servers (fonts, telemetry, its AI agent): the page's CSP allows only this origin.
            app.MapScalarApiReference(ApiDocsPath, o => o.WithTitle("AddisPay API").DisableDefaultFonts().DisableTelemetry().DisableAgent())
                .AllowAnonymous();
        }

        foreach (var module in app.Services.GetServices<IModule>().Where(m => selection.IsEnabled(m.Name)))
        {
            // Closed by default: an endpoint is public only if it says AllowAnonymous.
            module.MapEndpoints(app.MapGroup($"/api/{module.Name}").WithTags(module.Name).RequireAuthorization());
            if (app.Services.GetRequiredService<InboxCatalogue>().Of(module.Name) is not null)
                app.MapInboxOperations(module.Name, FailingHandlers.Allowed(app.Environment));
            app.MapInternalRequests(module);
        }
        return app;
    }

    /// <summary>
    /// Runs the process: `migrate` applies the selected modules' schema changes and exits (for a
    /// Kubernetes Job); otherwise it serves, migrating first when AddisPay:MigrateOnStartup is set.
    /// </summary>
    public static async Task<int> RunAddisPayAsync(this WebApplication app, string[] args)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AddisPay");
        if (args.Contains("migrate"))
        {
            await app.Services.GetRequiredService<MigrationRunner>().RunAsync(atStartup: false, CancellationToken.None);
            log.LogInformation("Migrations applied for modules: {Modules}", string.Join(",", app.Services.GetRequiredService<ModuleSelection>().Enabled));
            return 0;
        }

        var migrateOnStartup = app.Configuration.GetValue("AddisPay:MigrateOnStartup", app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing"));
        if (migrateOnStartup)
            await app.Services.GetRequiredService<MigrationRunner>().RunAsync(atStartup: true, CancellationToken.None);
        if (app.Configuration.GetValue("AddisPay:DemoData", false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoData>())
                await seeder.SeedAsync(CancellationToken.None);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
            log.LogInformation("AddisPay is up at {Urls} running modules [{Modules}]; API docs {DocsUrl}",
                string.Join(" ", app.Urls), string.Join(",", app.Services.GetRequiredService<ModuleSelection>().Enabled),
                ApiDocsEnabled(app) ? "at " + app.Urls.FirstOrDefault() + ApiDocsPath : "off (AddisPay:ApiDocs)"));
        await app.RunAsync();
        return 0;
    }

    private const string ApiDocsPath = "/docs";

    /// <summary>AddisPay:ApiDocs; by default on in Development and Testing only.</summary>
    private static bool ApiDocsEnabled(WebApplication app) =>
        app.Configuration.GetValue("AddisPay:ApiDocs", app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing"));

    internal static string ModuleOf(PathString path)
    {
        var segments = path.Value?.Split('/', 4, StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments.Length >= 2 && segments[0] is "api" or "internal" ? segments[1] : "platform";
    }

    // The Host's informational version without the source-link commit suffix (1.0.0+abc123 -> 1.0.0).
    private static string AssemblyVersion() =>
        (System.Reflection.Assembly.GetEntryAssembly()?.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    private static void ConfigureLogging(WebApplicationBuilder builder, LogSource source)
    {
        var format = builder.Configuration["AddisPay:Logging:Format"] ?? (builder.Environment.IsDevelopment() ? "text" : "ecs");
        builder.Services.AddSerilog((sp, lc) =>
        {
            lc.ReadFrom.Configuration(builder.Configuration)
              .MinimumLevel.Information()
              .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
              .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
              // EF logs a failed command before it throws; the exception is logged where it is handled, once.
              .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
              .MinimumLevel.Override("Marten", LogEventLevel.Warning)
              .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
              .MinimumLevel.Override("Polly", LogEventLevel.Warning)
              .Enrich.FromLogContext();
            if (format == "ecs") lc.WriteTo.Console(new EcsJsonFormatter(source));
            else lc.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        });
    }

    private static void RefuseToStartWithoutADatabase(WebApplicationBuilder builder)
    {
        // In Development the Host has started a private cluster by now when none was configured (AddisPay.Development).
        if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString(Databases.Main)))
            throw new InvalidOperationException(
                $"ConnectionStrings:{Databases.Main} is not set. Outside Development a database must be configured " +
                $"(env ConnectionStrings__{Databases.Main}).");
    }
}
