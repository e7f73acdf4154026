using AddisPay.Market;
using Microsoft.AspNetCore.Http;

namespace AddisPay.Shared.Pages;

/// <summary>The pages' language, English or Amharic, remembered in one cookie that the shop and the back office both read.</summary>
public static class PageLanguage
{
    public const string Cookie = "addispay-lang";
    public const string English = "en";
    public const string Amharic = "am";

    public static string Normalize(string? code) => code == Amharic ? Amharic : English;

    public static string Of(HttpContext? http) => Normalize(http?.Request.Cookies[Cookie]);

    /// <summary>Remembers the language for a year (a language switch, a profile saved with a preferred language).</summary>
    public static void Remember(HttpContext http, string? lang) =>
        http.Response.Cookies.Append(Cookie, Normalize(lang), new CookieOptions
        {
            SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/", MaxAge = TimeSpan.FromDays(365),
            Secure = http.Request.IsHttps
        });

    /// <summary>A return address that stays on this site (no open redirect through a language switch or sign-in), else <paramref name="home"/>.</summary>
    public static string LocalOr(string? url, string home) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : home;
}

/// <summary>Amounts in birr as Ethiopians read them: "ETB 1,234.50" in English, "1,234.50 ብር" in Amharic.</summary>
public static class EtbAmount
{
    public static string Format(decimal etb, string language)
    {
        var digits = Etb.Digits(etb);
        return language == PageLanguage.Amharic ? digits + " ብር" : "ETB " + digits;
    }
}
