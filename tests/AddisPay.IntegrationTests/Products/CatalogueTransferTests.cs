using System.Text;

namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// The catalogue's file import and export as the back office sends them (ImportCatalogue, ExportCataloguePage over the
/// pod-to-pod endpoint): an export imports back as "unchanged", a changed row updates its product, one form imports once.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CatalogueTransferTests(CatalogueAndCartPlatform platform)
{
    private static readonly Guid Staff = Guid.NewGuid();
    private readonly HttpClient _http = platform.Factory.CreateClient();

    private async Task<HttpResponseMessage> SendAsync(string request, object body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/internal/products/requests/{request}") { Content = JsonContent.Create(body) };
        message.Headers.Add("X-AddisPay-Internal-Key", PlatformFactory.InternalKey);
        return await _http.SendAsync(message);
    }

    private async Task<JsonElement> ImportAsync(string format, string content, string? key = null)
    {
        using var r = await SendAsync("ImportCatalogue", new { format, content, staffId = Staff, idempotencyKey = key ?? Guid.NewGuid().ToString("N") });
        await Shop.Expect(r, HttpStatusCode.OK);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(string Text, int Products)> ExportAsync(string format)
    {
        var text = new StringBuilder();
        var products = 0;
        Guid? after = null;
        do
        {
            using var r = await SendAsync("ExportCataloguePage", new { format, after, pageSize = 100 });
            await Shop.Expect(r, HttpStatusCode.OK);
            var page = await r.Content.ReadFromJsonAsync<JsonElement>();
            var part = page.GetProperty("text").GetString()!;
            if (format == "json" && text.Length > 0 && part.Length > 0) text.Append(",\n");
            text.Append(part);
            products += page.GetProperty("products").GetInt32();
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetGuid();
        } while (after is not null);
        return (format == "json" ? "[" + text + "]" : text.ToString(), products);
    }

    private async Task<string> NewProductAsync(decimal price)
    {
        var sku = $"EXP-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { name = "Bale mountain honey", nameAm = "የባሌ ማር", sku, priceEtb = price, stock = 9, categorySlug = "honey", publish = true }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return sku;
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task The_whole_catalogue_exported_and_imported_again_is_reported_unchanged_product_by_product(string format)
    {
        await NewProductAsync(310m);
        var (file, products) = await ExportAsync(format);
        Assert.True(products > 0);

        var report = await ImportAsync(format, file);

        Assert.Equal((0, 0, 0, products), (report.GetProperty("created").GetInt32(), report.GetProperty("updated").GetInt32(),
            report.GetProperty("failed").GetInt32(), report.GetProperty("unchanged").GetInt32()));
        Assert.Equal(file, (await ExportAsync(format)).Text);
    }

    [Fact]
    public async Task A_row_with_a_new_price_updates_its_product_and_the_same_form_submitted_again_imports_nothing_more()
    {
        var sku = await NewProductAsync(310m);
        var key = Guid.NewGuid().ToString("N");
        var csv = "product_key,name,name_am,brand,category,description,description_am,sku,option_name,option_value,price_etb,stock,publish\n"
                  + $"bale,Bale mountain honey,የባሌ ማር,,honey,,,{sku},,,345.50,9,true\n"
                  + $"new,Harenna forest honey,የሐረና ማር,,honey,,,{sku}-NEW,,,500,3,false\n"
                  + $"bad,H,,,honey,,,{sku}-BAD,,,500,3,false\n";

        var answers = await Task.WhenAll(ImportAsync("csv", csv, key), ImportAsync("csv", csv, key));

        Assert.Equal([false, true], answers.Select(a => a.GetProperty("replayed").GetBoolean()).Order());
        foreach (var report in answers)
        {
            Assert.Equal((1, 1, 0, 1), (report.GetProperty("created").GetInt32(), report.GetProperty("updated").GetInt32(),
                report.GetProperty("unchanged").GetInt32(), report.GetProperty("failed").GetInt32()));
            Assert.Equal(["updated", "created", "failed"], report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        }
        var failed = answers[0].GetProperty("rows")[2];
        Assert.Equal(4, failed.GetProperty("row").GetInt32());
        Assert.Contains(failed.GetProperty("errors").EnumerateObject(), e => e.Name.Equals("name", StringComparison.OrdinalIgnoreCase));

        var offer = await _http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", null, Tokens.Admin()));
        Assert.Equal(9, (await offer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("onHand").GetInt32()); // stock is the ledger's
        Assert.Equal(1, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from products.variants where \"Sku\" = '{sku}-NEW'"));
        Assert.Equal(1, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from events.mt_events where type = 'products.product_price_changed' and data->>'Sku' = '{sku}'"));
    }

    [Fact]
    public async Task A_file_that_is_not_JSON_is_a_400_naming_the_file_and_imports_nothing()
    {
        using var r = await SendAsync("ImportCatalogue", new { format = "json", content = "{ not json", staffId = Staff, idempotencyKey = "k-" + Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.True((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
    }
}
