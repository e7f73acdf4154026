namespace AddisPay.Shared.Modules;

/// <summary>Demo content a module adds to an empty database when AddisPay:DemoData is true (local runs).</summary>
public interface IDemoData
{
    Task SeedAsync(CancellationToken ct);
}
