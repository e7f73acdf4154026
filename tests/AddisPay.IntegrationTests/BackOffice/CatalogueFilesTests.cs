using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>The catalogue's files (Components/Pages/CatalogueFiles/): the import template and the export, downloaded by an admin; importing runs in the stock journey.</summary>
[Collection(nameof(ShopBrowser))]
public sealed class CatalogueFilesTests(AllInOneShop fixture)
{
    private Task<StaffClient> AdminAsync() => PeopleAccess.SignedInAsync(fixture.Shop.BackOffice, BackOfficeOrders.DemoAdmin, BackOfficeOrders.DemoPassword);

    [Fact]
    public async Task The_import_template_is_a_CSV_with_a_byte_order_mark_its_header_and_one_example_row_with_Amharic()
    {
        using var admin = await AdminAsync();
        using var template = await admin.GetAsync("/admin/catalogue/template.csv");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("text/csv", template.Content.Headers.ContentType?.MediaType);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("product_key,name,name_am,", lines[0]);
        Assert.Contains("የይርጋጨፌ ቡና", Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task The_import_template_comes_as_a_JSON_array_too()
    {
        using var admin = await AdminAsync();
        using var json = await admin.GetAsync("/admin/catalogue/template.json");
        Assert.Equal(JsonValueKind.Array, (await json.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);
    }

    [Fact]
    public async Task The_catalogue_export_is_a_JSON_attachment_holding_the_products()
    {
        using var admin = await AdminAsync();
        using var export = await admin.GetAsync("/admin/catalogue/export.json");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.StartsWith("attachment", export.Content.Headers.ContentDisposition?.ToString());
        var products = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(products.EnumerateArray(), p => p.GetProperty("slug").GetString() == "yirgacheffe-coffee-beans");
    }

    [Fact]
    public async Task The_audit_log_records_a_download_of_the_catalogue_export()
    {
        using var admin = await AdminAsync();
        using (await admin.GetAsync("/admin/catalogue/export.json")) { }
        using var audit = await admin.GetAsync("/admin/audit?action=catalogue.exported");
        Assert.Contains("catalogue exported", WebUtility.HtmlDecode(await audit.Content.ReadAsStringAsync()));
    }
}
