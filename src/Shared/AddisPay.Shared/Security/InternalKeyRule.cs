namespace AddisPay.Shared.Security;

/// <summary>
/// What AddisPay:InternalKey must be outside Development. The key lets a caller run any module's requests as any user,
/// so it must be as strong as 32 random bytes: at least 43 characters (32 bytes in base64 without padding; 64 in hex
/// pass too) drawn from at least 12 different characters (which refuses "aaaa…" and "abcabc…"), and none of the values
/// published in this repository's examples and tests. Generate one with <c>openssl rand -base64 32</c>.
/// </summary>
public static class InternalKeyRule
{
    public const string Key = "AddisPay:InternalKey";
    public const int MinimumLength = 43;
    public const int MinimumDistinctCharacters = 12;

    /// <summary>Values that appeared in examples, scripts and test settings: known to anyone who read them.</summary>
    public static readonly IReadOnlySet<string> KnownDefaults = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "change-me", "changeme", "change-me-please", "secret", "internal-key",
        "test-internal-key", "development-only-internal-key", "smoke-internal-key", "bench-key",
    };

    /// <summary>Why <paramref name="key"/> is refused, or null when it is acceptable.</summary>
    public static string? Weakness(string? key)
    {
        const string how = " Generate one with `openssl rand -base64 32` (32 random bytes) and give every pod the same value (a Kubernetes Secret).";
        if (string.IsNullOrWhiteSpace(key))
            return $"{Key} must be set outside Development: it is the secret the platform's pods present to each other." + how;
        if (KnownDefaults.Contains(key.Trim()))
            return $"{Key} is a published example value, known to anyone who has read AddisPay's sources." + how;
        if (key.Length < MinimumLength || key.Distinct().Count() < MinimumDistinctCharacters)
            return $"{Key} is too weak: it must be at least {MinimumLength} characters from at least {MinimumDistinctCharacters} different " +
                   $"characters, as strong as 32 random bytes (this one has {key.Length} characters, {key.Distinct().Count()} different)." + how;
        return null;
    }
}
