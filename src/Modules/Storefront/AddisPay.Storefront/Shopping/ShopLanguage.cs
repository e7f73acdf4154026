using System.Globalization;
using AddisPay.Shared.Pages;
using AddisPay.Shared.Contracts;
using Microsoft.AspNetCore.Http;

namespace AddisPay.Storefront.Shopping;

/// <summary>The shopper's language, English or Amharic, remembered in a cookie; Amharic texts fall back to English where missing.</summary>
internal sealed class ShopLanguage(IHttpContextAccessor http)
{
    public const string Cookie = PageLanguage.Cookie;
    public const string English = PageLanguage.English;
    public const string Amharic = PageLanguage.Amharic;

    public string Code { get; } = PageLanguage.Of(http.HttpContext);

    public bool IsAmharic => Code == Amharic;

    public static string Normalize(string? code) => PageLanguage.Normalize(code);

    /// <summary>The product's own text in the chosen language: Amharic when chosen and present.</summary>
    public string Pick(string? english, string? amharic) => IsAmharic && !string.IsNullOrWhiteSpace(amharic) ? amharic : english ?? "";

    public string Money(decimal etb) => EtbAmount.Format(etb, Code);

    public string this[string key] => ShopTexts.Get(key, Code);

    /// <summary>
    /// A module's refusal in the shopper's language: the storefront's sentence for its reason, filled with its facts. A
    /// refusal the storefront has no words for shows <paramref name="fallback"/> (already in the shopper's language),
    /// followed in English by the module's own sentence; an Amharic page never shows English.
    /// </summary>
    public string Refused(BusinessRuleException refusal, string fallback) =>
        RefusalText.Say(refusal, Code, fallback);
}

/// <summary>Fills the storefront's refusal sentences ("refused.{reason}") with a refusal's facts, in one language.</summary>
internal static class RefusalText
{
    public static string Say(BusinessRuleException refusal, string language, string fallback)
    {
        if (refusal.Reason is { } reason && ShopTexts.All.ContainsKey("refused." + reason.Code))
            return Fill(ShopTexts.Get("refused." + reason.Code, language), reason.Facts, language);
        return language == ShopLanguage.Amharic ? fallback : fallback + ": " + refusal.Message;
    }

    /// <summary>
    /// "{name}" becomes the fact: amounts (names ending in "Etb") as the language writes birr, order statuses in the
    /// language's words, a product's name in Amharic when there is one ("productAm").
    /// </summary>
    public static string Fill(string sentence, IReadOnlyDictionary<string, string> facts, string language) =>
        System.Text.RegularExpressions.Regex.Replace(sentence, @"\{([A-Za-z]+)\}", m =>
        {
            var name = m.Groups[1].Value;
            if (!facts.TryGetValue(name, out var value)) return "";
            if (name.EndsWith("Etb", StringComparison.Ordinal) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var etb))
                return EtbAmount.Format(etb, language);
            if (name is "status" or "target") return ShopTexts.Get("status." + value, language);
            if (language == ShopLanguage.Amharic && facts.TryGetValue(name + "Am", out var amharic) && !string.IsNullOrWhiteSpace(amharic)) return amharic;
            return value;
        });
}

/// <summary>The site paths that are pages (or may become one): everything but the API and the platform's own endpoints.</summary>
internal static class ShopPaths
{
    // /admin is the back office's: its own pages, session and not-found answer.
    private static readonly string[] NotPages = ["/api", "/internal", "/health", "/metrics", "/docs", "/openapi", "/_framework", "/_content", "/admin"];

    public static bool IsPage(PathString path) => !NotPages.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A return address that stays on this site (no open redirect through the language switch).</summary>
    public static string LocalOrHome(string? url) => PageLanguage.LocalOr(url, "/");
}
