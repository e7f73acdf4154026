using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AddisPay.Storefront.Shopping;

/// <summary>The shopper's language, English or Amharic, remembered in a cookie; Amharic texts fall back to English where missing.</summary>
internal sealed class ShopLanguage(IHttpContextAccessor http)
{
    public const string Cookie = "addispay-lang";
    public const string English = "en";
    public const string Amharic = "am";

    public string Code { get; } = Normalize(http.HttpContext?.Request.Cookies[Cookie]);

    public bool IsAmharic => Code == Amharic;

    public static string Normalize(string? code) => code == Amharic ? Amharic : English;

    /// <summary>The product's own text in the chosen language: Amharic when chosen and present.</summary>
    public string Pick(string? english, string? amharic) => IsAmharic && !string.IsNullOrWhiteSpace(amharic) ? amharic : english ?? "";

    public string Money(decimal etb) => EtbAmount.Format(etb, Code);

    public string this[string key] => ShopTexts.Get(key, Code);
}

/// <summary>Amounts in birr as Ethiopian shoppers read them: "ETB 1,234.50" in English, "1,234.50 ብር" in Amharic.</summary>
public static class EtbAmount
{
    public static string Format(decimal etb, string language)
    {
        var digits = etb.ToString("N2", CultureInfo.InvariantCulture);
        return language == ShopLanguage.Amharic ? digits + " ብር" : "ETB " + digits;
    }
}

/// <summary>The site paths that are pages (or may become one): everything but the API and the platform's own endpoints.</summary>
internal static class ShopPaths
{
    private static readonly string[] NotPages = ["/api", "/internal", "/health", "/metrics", "/docs", "/openapi", "/_framework", "/_content"];

    public static bool IsPage(PathString path) => !NotPages.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A return address that stays on this site (no open redirect through the language switch).</summary>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
