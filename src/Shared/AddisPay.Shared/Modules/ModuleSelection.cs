using Microsoft.Extensions.Configuration;

namespace AddisPay.Shared.Modules;

/// <summary>
/// Which modules this process runs, from AddisPay:Modules ("all" or a comma list). One image serves
/// every Deployment; this value is what makes a pod a products pod or a cart pod.
/// </summary>
public sealed class ModuleSelection
{
    public const string ConfigKey = "AddisPay:Modules";

    private readonly HashSet<string> _enabled;

    public ModuleSelection(IEnumerable<string> enabled, IEnumerable<string> known)
    {
        _enabled = new HashSet<string>(enabled, StringComparer.OrdinalIgnoreCase);
        Known = known.ToArray();
    }

    public IReadOnlyCollection<string> Enabled => _enabled;
    public IReadOnlyList<string> Known { get; }

    public bool IsEnabled(string module) => _enabled.Contains(module);

    public static ModuleSelection FromConfiguration(IConfiguration configuration, IReadOnlyCollection<string> known)
    {
        var raw = configuration[ConfigKey];
        if (string.IsNullOrWhiteSpace(raw) || raw.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
            return new ModuleSelection(known, known);

        var requested = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).Distinct().ToArray();
        var unknown = requested.Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
            throw new StartupRefusedException(
                $"{ConfigKey} names unknown module(s): {string.Join(", ", unknown)}. " +
                $"Use 'all' or a comma list of: {string.Join(", ", known)}.");
        return new ModuleSelection(requested, known);
    }
}

/// <summary>
/// A configuration mistake the operator must fix before the process can start (an unknown module name): the Host
/// prints its message as one line and exits with <see cref="ExitCode"/>, without a stack trace to read through.
/// </summary>
public sealed class StartupRefusedException(string message) : InvalidOperationException(message)
{
    public const int ExitCode = 2;
}
