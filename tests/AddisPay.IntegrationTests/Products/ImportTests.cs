using System.Text;

namespace AddisPay.IntegrationTests.Products;

/// <summary>Bulk import from CSV or JSON: good rows are created, bad rows come back with their errors and write nothing.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ImportTests(CatalogueAndCartPlatform platform)
{
    private readonly HttpClient _http = platform.Factory.CreateClient();

    [Fact]
    public async Task A_csv_import_creates_the_good_products_and_reports_the_bad_rows()
    {
        var k = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var csv = $"""
            product_key,name,name_am,brand,category,description,description_am,sku,option_name,option_value,price_etb,stock,publish
            h1,"Tigray white honey, raw",የትግራይ ነጭ ማር,Tigray Honey,honey,"Thick, white honey",,HNY-{k}-500,size,500 g,650.00,30,true
            h1,"Tigray white honey, raw",የትግራይ ነጭ ማር,Tigray Honey,honey,,,HNY-{k}-1K,size,1 kg,1200.00,12,true
            h2,Gojjam forest honey,የጎጃም ማር,Gojjam Bees,no-such-category,,,HNY-{k}-GJ,,,450.00,5,true
            h3,Wenchi honey,የወንጪ ማር,Wenchi Apiary,honey,,,HNY-{k}-WN,,,twelve,5,false
            """;
        using var r = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/products/import")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
            Headers = { Authorization = new("Bearer", Tokens.Admin()) }
        });
        Assert.Equal((HttpStatusCode)207, r.StatusCode);
        var report = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(2, report.GetProperty("failed").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal("created", rows[0].GetProperty("status").GetString());
        Assert.True(rows[1].GetProperty("errors").TryGetProperty("categorySlug", out _));
        Assert.True(rows[2].GetProperty("errors").TryGetProperty("price_etb", out _));

        var honey = await _http.GetFromJsonAsync<JsonElement>($"/api/products/{rows[0].GetProperty("productId").GetGuid()}");
        Assert.Equal("Tigray white honey, raw", honey.GetProperty("name").GetString());
        Assert.Equal(2, honey.GetProperty("variants").GetArrayLength());
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from products.variants where \"Sku\" in ('HNY-{k}-GJ', 'HNY-{k}-WN')"));
    }

    [Fact]
    public async Task A_json_import_refuses_skus_that_exist_or_repeat()
    {
        var sku = $"J-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        object Item(string name, string s) => new { name, nameAm = "ማር", sku = s, priceEtb = 100m, stock = 1 };
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/import",
            new[] { Item("First honey", sku), Item("Second honey", sku), Item("X", "bad sku!") }, Tokens.Admin()));
        var report = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        var errors = report.GetProperty("rows").EnumerateArray().Where(x => x.GetProperty("status").GetString() == "failed")
            .Select(x => x.GetProperty("errors").EnumerateObject().Select(e => e.Name).First()).ToList();
        Assert.Contains("sku", errors);
        Assert.Contains("name", errors);
    }
}
