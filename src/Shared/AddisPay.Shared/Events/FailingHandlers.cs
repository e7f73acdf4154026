using System.Collections.Concurrent;
using AddisPay.Shared.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AddisPay.Shared.Events;

/// <summary>
/// Event handlers broken on purpose, so a developer or a test can see an event dead-lettered, "fix" the handler and replay
/// it without changing code. Named by the handler's class (<c>RepriceCartLines</c>) or the event (<c>products.product_price_changed</c>).
/// Seeded from <c>AddisPay:Testing:FailingHandlers</c> (every module) and changed at runtime per module through the admin-only
/// <c>PUT /api/&lt;module&gt;/operations/failing-handlers</c>. Registered only in Development and Testing: elsewhere the
/// setting is ignored with a warning at start-up and the endpoint is not mapped.
/// </summary>
public sealed class FailingHandlers
{
    public const string Section = "AddisPay:Testing:FailingHandlers";

    private readonly string[] _everyModule;
    private readonly ConcurrentDictionary<string, string[]> _byModule = new(StringComparer.OrdinalIgnoreCase);

    public FailingHandlers(IEnumerable<string> everyModule) => _everyModule = Clean(everyModule);

    public static string[] Configured(IConfiguration config) => config.GetSection(Section).Get<string[]>() ?? [];

    public static bool Allowed(IHostEnvironment env) => env.IsDevelopment() || env.IsEnvironment("Testing");

    public IReadOnlyList<string> Of(string module) => [.. _everyModule, .. _byModule.GetValueOrDefault(module, [])];

    /// <summary>Replaces what is broken in <paramref name="module"/> (the configured names stay broken everywhere).</summary>
    public IReadOnlyList<string> Set(string module, IEnumerable<string> names)
    {
        _byModule[module] = Clean(names);
        return Of(module);
    }

    internal void ThrowIfBroken(string module, Type handler, IntegrationEvent e)
    {
        var alias = EventLog.AliasOf(e.GetType());
        if (Of(module).Any(n => n.Equals(handler.Name, StringComparison.OrdinalIgnoreCase) || n.Equals(alias, StringComparison.OrdinalIgnoreCase)))
            throw new BrokenOnPurposeException($"{handler.Name} of {module} is broken on purpose ({Section}); event {alias}.");
    }

    private static string[] Clean(IEnumerable<string> names) =>
        [.. names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>What a handler named in <see cref="FailingHandlers"/> throws.</summary>
public sealed class BrokenOnPurposeException(string message) : Exception(message);

/// <summary>Says at start-up that <see cref="FailingHandlers.Section"/> is ignored outside Development and Testing.</summary>
internal sealed class FailingHandlersRefused(IReadOnlyList<string> names, ILogger<FailingHandlersRefused> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        logger.LogWarning("{Section} names {Handlers} but is ignored outside Development and Testing: no handler is broken on purpose here",
            FailingHandlers.Section, string.Join(", ", names));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
