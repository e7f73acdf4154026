using System.Text.RegularExpressions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// Visitors' product and category pages are kept as rendered HTML (VisitorPageCache): each visitor still gets their own
/// antiforgery token, a product page shows a new price on the next request, a category page within its bound (5 s once
/// Search has indexed the change). Over HTTP without a browser: a few seconds, most of them the category's bound. The run
/// records what it saw; the one-process shop's facts (ProductTests, CategoryTests) each assert one part of it, the split
/// shop's journey all of it (<see cref="AssertAll"/>).
/// </summary>
public static class KeptPages
{
    /// <summary>One visit: the answer, its antiforgery cookies and the token in the page.</summary>
    public sealed record Visit(HttpStatusCode Status, bool EnhancedNavigation, string Html, string[] AntiforgeryCookies, string Token)
    {
        public string Cookie => AntiforgeryCookies.FirstOrDefault()?.Split(';')[0] ?? "";
    }

    /// <param name="CategoryRepriced">The category page once it showed the new price, null if it did not within the bound.</param>
    public sealed record Run(Visit First, Visit Second, HttpStatusCode OwnTokenPost, HttpStatusCode OthersTokenPost, Visit Category,
        Visit ProductRepriced, Visit? CategoryRepriced, long CategoryRepricedAfterMs)
    {
        public IEnumerable<Visit> Visits => new[] { First, Second, Category, ProductRepriced }.Concat(CategoryRepriced is null ? [] : [CategoryRepriced]);
    }

    public const string PriceBefore = "ETB 260.00", PriceAfter = "ETB 275.00";

    /// <summary>Two visitors on the mitmita's page (the second served the first one's kept page), each posting a form with its own token and the other's, then a new price.</summary>
    public static async Task<Run> RunAsync(StorefrontShop shop)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = shop.Address };
        async Task<Visit> VisitAsync(string path)
        {
            using var response = await http.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Where(c => c.StartsWith(".AspNetCore.Antiforgery.")).ToArray() : [];
            var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            return new(response.StatusCode, response.Headers.Contains("blazor-enhanced-nav"), html, cookies, token);
        }
        async Task<HttpStatusCode> SwitchLanguageAsync(string cookie, string token)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/language")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["lang"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token })
            };
            post.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(post);
            return response.StatusCode;
        }

        var first = await VisitAsync("/p/mitmita-spice");
        var second = await VisitAsync("/p/mitmita-spice");
        var own = await SwitchLanguageAsync(second.Cookie, second.Token);
        var others = await SwitchLanguageAsync(second.Cookie, first.Token);
        var category = await VisitAsync("/c/spices");

        using var products = shop.Api("products");
        var id = (await products.GetFromJsonAsync<JsonElement>("/api/products/mitmita-spice")).GetProperty("id").GetGuid();
        using (var reprice = Infrastructure.Shop.Request(HttpMethod.Put, $"/api/products/{id}/price", new { priceEtb = 275m }, Tokens.Admin()))
            (await products.SendAsync(reprice)).EnsureSuccessStatusCode();
        var repriced = System.Diagnostics.Stopwatch.StartNew();
        var product = await VisitAsync("/p/mitmita-spice");
        // The listing's bound (5 s once Search has indexed the change) and a little for the indexing itself.
        Visit? categoryRepriced = null;
        try
        {
            categoryRepriced = await Eventually.Until(() => VisitAsync("/c/spices"), page => page.Html.Contains(PriceAfter), "the new price on the category page", TimeSpan.FromSeconds(8));
        }
        catch (TimeoutException) { }
        return new(first, second, own, others, category, product, categoryRepriced, repriced.ElapsedMilliseconds);
    }

    /// <summary>Every page answered and can be patched in by blazor.web.js on an enhanced navigation, rendered or kept.</summary>
    public static void AssertServedForEnhancedNavigation(Run run) =>
        Assert.All(run.Visits, v => Assert.Equal((HttpStatusCode.OK, true), (v.Status, v.EnhancedNavigation)));

    /// <summary>The second visitor got the first one's page, price and all, with an antiforgery cookie and token of their own.</summary>
    public static void AssertKeptPageCarriesOwnToken(Run run)
    {
        Assert.Single(run.First.AntiforgeryCookies);
        Assert.Single(run.Second.AntiforgeryCookies);
        Assert.NotEqual(run.First.Token, run.Second.Token);
        Assert.Equal(run.First.Html.Replace(run.First.Token, ""), run.Second.Html.Replace(run.Second.Token, ""));
        Assert.Contains(PriceBefore, run.Second.Html);
    }

    public static void AssertAll(Run run)
    {
        AssertServedForEnhancedNavigation(run);
        AssertKeptPageCarriesOwnToken(run);
        Assert.Equal(HttpStatusCode.Redirect, run.OwnTokenPost);
        Assert.Equal(HttpStatusCode.BadRequest, run.OthersTokenPost);
        Assert.Contains(PriceBefore, run.Category.Html);
        Assert.Contains(PriceAfter, run.ProductRepriced.Html);
        Assert.True(run.CategoryRepriced is not null, $"the new price on the category page within 8 s (waited {run.CategoryRepricedAfterMs} ms)");
    }
}
