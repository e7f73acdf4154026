using System.Net;
using AddisPay.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The storefront in one process with every module ("all"), as a laptop or a small shop runs it.</summary>
[Collection(nameof(ShopBrowser))]
public sealed class StorefrontJourneyTests(ShopBrowser browser, ITestOutputHelper output) : IAsyncLifetime
{
    private StorefrontShop _shop = null!;

    public async Task InitializeAsync() => _shop = await StorefrontShop.AllInOneAsync(TestPostgres.CreateDatabase("storefront"));

    public async Task DisposeAsync()
    {
        output.WriteLine(string.Join('\n', _shop.Processes[0].Output.Split('\n').Where(l => l.Contains("\"error\"") || l.Contains("ERR")).TakeLast(20)));
        await _shop.DisposeAsync();
    }

    [Fact]
    public Task A_shopper_on_a_phone_finds_misspelt_coffee_and_puts_it_in_the_cart_in_English() =>
        ShopperJourney.RunAsync(browser, _shop.Address, "all-english", amharic: false);

    [Fact]
    public Task A_shopper_on_a_phone_finds_misspelt_coffee_and_puts_it_in_the_cart_in_Amharic() =>
        ShopperJourney.RunAsync(browser, _shop.Address, "all-amharic", amharic: true);

    [Fact]
    public Task A_shopper_without_JavaScript_browses_and_adds_to_the_cart_with_plain_form_posts() =>
        ShopperJourney.RunAsync(browser, _shop.Address, "all-no-javascript", amharic: false, javaScript: false);

    [Fact]
    public async Task An_unknown_page_answers_404_with_a_page_in_the_shoppers_language_while_the_API_keeps_problem_details()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _shop.Address };
        using var english = await http.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);
        Assert.Equal("text/html", english.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()));

        using var amharicRequest = new HttpRequestMessage(HttpMethod.Get, "/p/no-such-product");
        amharicRequest.Headers.Add("Cookie", "addispay-lang=am");
        using var amharic = await http.SendAsync(amharicRequest);
        Assert.Equal(HttpStatusCode.NotFound, amharic.StatusCode);
        // Blazor writes non-ASCII text as character references.
        Assert.Contains("ገጹ አልተገኘም", WebUtility.HtmlDecode(await amharic.Content.ReadAsStringAsync()));

        using var api = await http.GetAsync("/api/no-such-module/thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Adding_to_the_cart_without_the_antiforgery_token_is_refused_and_starts_no_cart()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _shop.Address };
        using var response = await http.PostAsync("/p/yirgacheffe-coffee-beans", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "add-to-cart", ["Sku"] = "COF-YIRG-500-G", ["Quantity"] = "1"
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("addispay-cart=")));
    }
}

/// <summary>
/// The storefront with Products, Search and Cart each in its own process, as a cluster runs them: every call the pages
/// make goes through the Contracts over HTTP.
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class SplitStorefrontJourneyTests(ShopBrowser browser) : IAsyncLifetime
{
    private StorefrontShop _shop = null!;

    public async Task InitializeAsync() => _shop = await StorefrontShop.SplitAsync(TestPostgres.CreateDatabase("storefront_split"));

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public Task A_shopper_completes_the_journey_in_English_when_each_module_runs_in_its_own_process() =>
        ShopperJourney.RunAsync(browser, _shop.Address, "split-english", amharic: false);

    [Fact]
    public Task A_shopper_completes_the_journey_in_Amharic_when_each_module_runs_in_its_own_process() =>
        ShopperJourney.RunAsync(browser, _shop.Address, "split-amharic", amharic: true);
}
