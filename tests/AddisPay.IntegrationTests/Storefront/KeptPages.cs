using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// Visitors' product and category pages are kept as rendered HTML (VisitorPageCache): each visitor still gets their own
/// antiforgery token, a product page shows a new price on the next request, a category page within its bound (5 s once
/// Search has indexed the change). Over HTTP without a browser: a few seconds, most of them the category's bound.
/// </summary>
public static class KeptPages
{
    public static async Task RunAsync(StorefrontShop shop, ITestOutputHelper output)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = shop.Address };
        async Task<(string Html, string Cookie, string Token)> VisitAsync(string path)
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Rendered or kept, the page lets blazor.web.js patch it in on an enhanced navigation.
            Assert.True(response.Headers.Contains("blazor-enhanced-nav"));
            var html = await response.Content.ReadAsStringAsync();
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.")).Split(';')[0];
            var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            return (html, cookie, token);
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

        // Two visitors, the second served the first one's page from the cache: the same page, each with their own token.
        var first = await VisitAsync("/p/mitmita-spice");
        var second = await VisitAsync("/p/mitmita-spice");
        Assert.Contains("ETB 260.00", second.Html);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(first.Html.Replace(first.Token, ""), second.Html.Replace(second.Token, ""));
        Assert.Equal(HttpStatusCode.Redirect, await SwitchLanguageAsync(second.Cookie, second.Token));
        Assert.Equal(HttpStatusCode.BadRequest, await SwitchLanguageAsync(second.Cookie, first.Token));
        Assert.Contains("ETB 260.00", (await VisitAsync("/c/spices")).Html);

        using var products = shop.Api("products");
        var id = (await products.GetFromJsonAsync<JsonElement>("/api/products/mitmita-spice")).GetProperty("id").GetGuid();
        using (var reprice = AddisPay.IntegrationTests.Infrastructure.Shop.Request(HttpMethod.Put, $"/api/products/{id}/price", new { priceEtb = 275m }, Tokens.Admin()))
            (await products.SendAsync(reprice)).EnsureSuccessStatusCode();
        var repriced = System.Diagnostics.Stopwatch.StartNew();
        Assert.Contains("ETB 275.00", (await VisitAsync("/p/mitmita-spice")).Html);
        // The listing's bound (5 s once Search has indexed the change) and a little for the indexing itself.
        await Eventually.Until(() => VisitAsync("/c/spices"), page => page.Html.Contains("ETB 275.00"), "the new price on the category page", TimeSpan.FromSeconds(8));
        output.WriteLine($"category page repriced after {repriced.ElapsedMilliseconds} ms");
    }
}
