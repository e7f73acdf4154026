using System.Text;
using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>Bulk import through the admin API (POST /api/products/import) from CSV or JSON: good rows are created, bad rows come back with their errors and write nothing.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ImportProductsTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// A CSV of four rows: two of one product key (two sizes, a quoted name holding a comma), one in a category that does not
    /// exist, one with a price in words. The answer, the report, the product created, and the bad rows' SKUs in the catalogue.
    /// </summary>
    private sealed record CsvImport(HttpStatusCode Status, JsonElement Report, JsonElement Created, long BadRowsWritten)
    {
        public List<JsonElement> Rows => Report.GetProperty("rows").EnumerateArray().ToList();
    }

    private Task<CsvImport> CsvImportAsync() => ArrangedAsync(platform, async shop =>
    {
        var k = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var csv = $"""
            product_key,name,name_am,brand,category,description,description_am,sku,option_name,option_value,price_etb,stock,publish
            h1,"Tigray white honey, raw",የትግራይ ነጭ ማር,Tigray Honey,honey,"Thick, white honey",,HNY-{k}-500,size,500 g,650.00,30,true
            h1,"Tigray white honey, raw",የትግራይ ነጭ ማር,Tigray Honey,honey,,,HNY-{k}-1K,size,1 kg,1200.00,12,true
            h2,Gojjam forest honey,የጎጃም ማር,Gojjam Bees,no-such-category,,,HNY-{k}-GJ,,,450.00,5,true
            h3,Wenchi honey,የወንጪ ማር,Wenchi Apiary,honey,,,HNY-{k}-WN,,,twelve,5,false
            """;
        using var r = await shop.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/products/import")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
            Headers = { Authorization = new("Bearer", Tokens.Admin()) }
        });
        var report = await r.Content.ReadFromJsonAsync<JsonElement>();
        var created = await shop.Http.GetFromJsonAsync<JsonElement>($"/api/products/{report.GetProperty("rows")[0].GetProperty("productId").GetGuid()}");
        return new CsvImport(r.StatusCode, report, created,
            await shop.CountAsync($"select count(*) from products.variants where \"Sku\" in ('HNY-{k}-GJ', 'HNY-{k}-WN')"));
    });

    [Fact]
    public async Task A_csv_import_with_good_and_bad_rows_is_a_207() =>
        Assert.Equal((HttpStatusCode)207, (await CsvImportAsync()).Status);

    [Fact]
    public async Task A_csv_import_reports_the_product_of_the_good_rows_created()
    {
        var import = await CsvImportAsync();
        Assert.Equal(1, import.Report.GetProperty("created").GetInt32());
        Assert.Equal("created", import.Rows[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rows_of_one_product_key_make_one_product_with_a_variant_each() =>
        Assert.Equal(2, (await CsvImportAsync()).Created.GetProperty("variants").GetArrayLength());

    [Fact]
    public async Task A_quoted_csv_field_holding_a_comma_is_read_whole() =>
        Assert.Equal("Tigray white honey, raw", (await CsvImportAsync()).Created.GetProperty("name").GetString());

    [Fact]
    public async Task A_csv_import_reports_each_bad_row_with_the_field_in_error()
    {
        var import = await CsvImportAsync();
        Assert.Equal(2, import.Report.GetProperty("failed").GetInt32());
        Assert.True(import.Rows[1].GetProperty("errors").TryGetProperty("categorySlug", out _));
        Assert.True(import.Rows[2].GetProperty("errors").TryGetProperty("price_etb", out _));
    }

    [Fact]
    public async Task A_csv_imports_bad_rows_write_nothing() =>
        Assert.Equal(0, (await CsvImportAsync()).BadRowsWritten);

    /// <summary>A JSON import of three items: two with one new SKU, one with a one-letter name and a SKU holding a space and a bang.</summary>
    private sealed record JsonImport(JsonElement Report)
    {
        public List<string> FirstErrorOfEachFailedRow => Report.GetProperty("rows").EnumerateArray().Where(x => x.GetProperty("status").GetString() == "failed")
            .Select(x => x.GetProperty("errors").EnumerateObject().Select(e => e.Name).First()).ToList();
    }

    private Task<JsonImport> JsonImportAsync() => ArrangedAsync(platform, async shop =>
    {
        var sku = $"J-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        object Item(string name, string s) => new { name, nameAm = "ማር", sku = s, priceEtb = 100m, stock = 1 };
        using var r = await shop.AdminAsync(HttpMethod.Post, "/api/products/import", new[] { Item("First honey", sku), Item("Second honey", sku), Item("X", "bad sku!") });
        return new JsonImport(await r.Content.ReadFromJsonAsync<JsonElement>());
    });

    [Fact]
    public async Task A_json_import_creates_the_first_of_two_rows_with_one_SKU() =>
        Assert.Equal(1, (await JsonImportAsync()).Report.GetProperty("created").GetInt32());

    [Fact]
    public async Task A_json_import_refuses_a_SKU_that_repeats_on_the_sku_field() =>
        Assert.Contains("sku", (await JsonImportAsync()).FirstErrorOfEachFailedRow);

    [Fact]
    public async Task A_json_import_refuses_a_row_with_a_bad_name_on_the_name_field() =>
        Assert.Contains("name", (await JsonImportAsync()).FirstErrorOfEachFailedRow);
}
