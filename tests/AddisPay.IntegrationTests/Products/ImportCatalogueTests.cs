using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// The catalogue's file import as the back office sends it (ImportCatalogue over the pod-to-pod endpoint): an export imports
/// back as "unchanged", a changed row updates its product, one form imports once.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ImportCatalogueTests(CatalogueAndCartPlatform platform)
{
    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task The_whole_catalogue_exported_and_imported_again_is_reported_unchanged_product_by_product(string format)
    {
        var trip = await CatalogueRoundTrip.ArrangedAsync(platform, format);
        Assert.Equal((0, 0, 0, trip.Products), (trip.Report.GetProperty("created").GetInt32(), trip.Report.GetProperty("updated").GetInt32(),
            trip.Report.GetProperty("failed").GetInt32(), trip.Report.GetProperty("unchanged").GetInt32()));
    }

    /// <summary>
    /// A published honey (310 ETB, 9 in stock) and a CSV form of three rows (the honey at 345.50 ETB, a new product, a
    /// product with a one-letter name and no Amharic name) sent twice at once with one key: both answers, the honey's stock,
    /// the new SKU in the catalogue, the honey's price changes in the event log.
    /// </summary>
    private sealed record FormSentTwice(JsonElement[] Answers, int OnHand, long NewSkus, long PriceChanges);

    private Task<FormSentTwice> FormSentTwiceAsync() => ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("EXP", stock: 9, name: "Bale mountain honey", nameAm: "የባሌ ማር", priceEtb: 310m, categorySlug: "honey");
        var key = Key();
        var csv = "product_key,name,name_am,brand,category,description,description_am,sku,option_name,option_value,price_etb,stock,publish\n"
                  + $"bale,Bale mountain honey,የባሌ ማር,,honey,,,{sku},,,345.50,9,true\n"
                  + $"new,Harenna forest honey,የሐረና ማር,,honey,,,{sku}-NEW,,,500,3,false\n"
                  + $"bad,H,,,honey,,,{sku}-BAD,,,500,3,false\n";
        var answers = await Task.WhenAll(CatalogueRoundTrip.ImportAsync(shop, "csv", csv, key), CatalogueRoundTrip.ImportAsync(shop, "csv", csv, key));
        return new FormSentTwice(answers, (await shop.StockAsync(sku)).OnHand,
            await shop.CountAsync($"select count(*) from products.variants where \"Sku\" = '{sku}-NEW'"),
            await shop.EventsAsync("products.product_price_changed", $"data->>'Sku' = '{sku}'"));
    });

    [Fact]
    public async Task One_form_sent_twice_at_once_is_imported_once_and_the_other_answer_is_marked_replayed() =>
        Assert.Equal([false, true], (await FormSentTwiceAsync()).Answers.Select(a => a.GetProperty("replayed").GetBoolean()).Order());

    [Fact]
    public async Task Both_answers_report_one_row_created_one_updated_none_unchanged_and_one_failed() =>
        Assert.All((await FormSentTwiceAsync()).Answers, report =>
            Assert.Equal((1, 1, 0, 1), (report.GetProperty("created").GetInt32(), report.GetProperty("updated").GetInt32(),
                report.GetProperty("unchanged").GetInt32(), report.GetProperty("failed").GetInt32())));

    [Fact]
    public async Task Each_answer_gives_every_rows_outcome_in_the_files_order() =>
        Assert.All((await FormSentTwiceAsync()).Answers, report =>
            Assert.Equal(["updated", "created", "failed"], report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("outcome").GetString())));

    [Fact]
    public async Task A_failed_row_is_reported_with_its_line_in_the_file_and_the_field_in_error()
    {
        var failed = (await FormSentTwiceAsync()).Answers[0].GetProperty("rows")[2];
        Assert.Equal(4, failed.GetProperty("row").GetInt32());
        Assert.Contains(failed.GetProperty("errors").EnumerateObject(), e => e.Name.Equals("name", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_row_with_a_new_price_changes_the_price_once() =>
        Assert.Equal(1, (await FormSentTwiceAsync()).PriceChanges);

    [Fact]
    public async Task A_row_with_a_new_SKU_creates_it_once() =>
        Assert.Equal(1, (await FormSentTwiceAsync()).NewSkus);

    [Fact]
    public async Task An_imported_row_leaves_stock_on_hand_to_the_ledger() =>
        Assert.Equal(9, (await FormSentTwiceAsync()).OnHand);

    [Fact]
    public async Task A_file_that_is_not_JSON_is_a_400_naming_the_file()
    {
        var (status, problem) = await new ProductShop(platform).RefusedAsync("ImportCatalogue",
            new { format = "json", content = "{ not json", staffId = Staff, idempotencyKey = "k-" + Key() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
    }
}
