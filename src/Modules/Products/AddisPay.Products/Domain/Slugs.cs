using System.Text;

namespace AddisPay.Products.Domain;

internal static class Slugs
{
    /// <summary>"Yirgacheffe Coffee, 500 g" → "yirgacheffe-coffee-500-g". Non-Latin names fall back to the given fallback.</summary>
    public static string From(string text, string fallback)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > 120) slug = slug[..120].TrimEnd('-');
        return slug.Length >= 2 ? slug : fallback;
    }

    public const string Pattern = "^[a-z0-9]+(-[a-z0-9]+)*$";
}
