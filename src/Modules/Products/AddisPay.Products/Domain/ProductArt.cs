using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AddisPay.Products.Domain;

/// <summary>
/// A product's drawn picture: a square in its category's colour with the initials of its English name, and its Amharic
/// name beneath, so the picture reads in both scripts. The same product always gives the same bytes (and ETag): the
/// colour comes from a stable hash of the category slug, never from <see cref="string.GetHashCode()"/>, which changes
/// between processes.
/// </summary>
internal static class ProductArt
{
    public static string Svg(string name, string nameAm, string? categorySlug)
    {
        var hue = Hue(categorySlug ?? "");
        var initials = Initials(name);
        var amharic = Shorten(nameAm, 14);
        var size = Contracts.ProductImages.Size;
        // Lightness 30%: white text on it keeps a contrast above 4.5:1 for every hue.
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 400 400" role="img" aria-label="{Xml(name)}">
            <rect width="400" height="400" fill="hsl({hue},45%,30%)"/>
            <circle cx="200" cy="170" r="110" fill="hsl({hue},45%,40%)"/>
            <text x="200" y="205" text-anchor="middle" font-family="'Noto Sans',sans-serif" font-size="110" font-weight="700" fill="#fff">{Xml(initials)}</text>
            <text x="200" y="340" text-anchor="middle" font-family="'Noto Sans Ethiopic','Abyssinica SIL',sans-serif" font-size="34" fill="#fff">{Xml(amharic)}</text>
            </svg>
            """;
    }

    /// <summary>A hue from 0 to 359 for the category: the first bytes of its SHA-256, so every process agrees.</summary>
    public static int Hue(string categorySlug) =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(categorySlug)), 0) % 360);

    /// <summary>The first letters of the first two words ("Yirgacheffe coffee beans" → "YC"), upper case; "?" when there are none.</summary>
    public static string Initials(string name)
    {
        var letters = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.FirstOrDefault(char.IsLetterOrDigit)).Where(c => c != default).Take(2).ToArray();
        return letters.Length == 0 ? "?" : new string(letters).ToUpperInvariant();
    }

    /// <summary>At most <paramref name="max"/> characters as readers count them (Ethiopic syllables are single code points, but combining marks are not).</summary>
    private static string Shorten(string text, int max)
    {
        var info = new StringInfo(text.Trim());
        return info.LengthInTextElements <= max ? info.String : info.SubstringByTextElements(0, max - 1) + "…";
    }

    private static string Xml(string text) => System.Security.SecurityElement.Escape(text) ?? "";

    public static string ETagOf(string svg) => "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(svg)))[..16] + "\"";
}
