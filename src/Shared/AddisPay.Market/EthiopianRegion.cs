namespace AddisPay.Market;

/// <summary>Ethiopia's regions and chartered cities, as shipping addresses name them.</summary>
public static class EthiopianRegion
{
    public const string AddisAbaba = "Addis Ababa";

    /// <summary>The twelve regions and two chartered cities, in their canonical spelling (SNNPR was divided in 2023).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AddisAbaba, "Afar", "Amhara", "Benishangul-Gumuz", "Central Ethiopia", "Dire Dawa", "Gambela", "Harari",
        "Oromia", "Sidama", "Somali", "South Ethiopia", "South West Ethiopia", "Tigray"
    ];

    /// <summary>Whether <paramref name="name"/> is a region or chartered city, whatever its letter case.</summary>
    public static bool IsOne(string? name) => name is not null && All.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical spelling of a region named in any letter case; for a name already validated as one.</summary>
    public static string Canonical(string? name) =>
        All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"'{name}' is not one of Ethiopia's regions or chartered cities.", nameof(name));

    /// <summary>Whether <paramref name="name"/> is Addis Ababa, whatever its letter case.</summary>
    public static bool IsAddisAbaba(string? name) => string.Equals(name, AddisAbaba, StringComparison.OrdinalIgnoreCase);
}
