namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// Stock as the back office works it: Products' staff Contracts (SearchStock, GetStockHistory, AdjustStockLevel) over the
/// pod-to-pod endpoint another module's process uses.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class StaffStockTests(CatalogueAndCartPlatform platform)
{
    private static readonly Guid Staff = Guid.NewGuid();
    private readonly HttpClient _http = platform.Factory.CreateClient();

    private async Task<string> NewSkuAsync(int stock, string name = "Sidama coffee")
    {
        var sku = $"STF-{Guid.NewGuid():N}"[..18].ToUpperInvariant();
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { name, nameAm = "የሲዳማ ቡና", sku, priceEtb = 640m, stock, publish = true }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return sku;
    }

    private async Task<HttpResponseMessage> SendAsync(string request, object body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/internal/products/requests/{request}") { Content = JsonContent.Create(body) };
        message.Headers.Add("X-AddisPay-Internal-Key", PlatformFactory.InternalKey);
        return await _http.SendAsync(message);
    }

    private Task<HttpResponseMessage> AdjustAsync(string sku, int? delta, int? counted, string key, string reason = "restock", string? note = null) =>
        SendAsync("AdjustStockLevel", new { sku, delta, countedOnHand = counted, reason, note, staffId = Staff, idempotencyKey = key });

    private async Task<JsonElement> HistoryAsync(string sku)
    {
        using var r = await SendAsync("GetStockHistory", new { sku, page = 1, pageSize = 50 });
        await Shop.Expect(r, HttpStatusCode.OK);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_adjustment_sent_twice_with_one_key_moves_stock_once_and_the_second_answer_is_marked_replayed()
    {
        var sku = await NewSkuAsync(stock: 10);
        var key = Guid.NewGuid().ToString("N");
        var answers = await Task.WhenAll(AdjustAsync(sku, 12, null, key, note: "Delivery from Sidama"), AdjustAsync(sku, 12, null, key, note: "Delivery from Sidama"));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal([false, true], bodies.Select(b => b.GetProperty("replayed").GetBoolean()).Order());
        var first = bodies.Single(b => !b.GetProperty("replayed").GetBoolean());
        Assert.Equal((10, 22), (first.GetProperty("before").GetProperty("onHand").GetInt32(), first.GetProperty("after").GetProperty("onHand").GetInt32()));

        var history = await HistoryAsync(sku);
        Assert.Equal(22, history.GetProperty("stock").GetProperty("onHand").GetInt32());
        var restocks = history.GetProperty("movements").EnumerateArray().Where(m => m.GetProperty("reason").GetString() == "restock").ToList();
        var restock = Assert.Single(restocks);
        Assert.Equal((12, "Delivery from Sidama", Staff.ToString()),
            (restock.GetProperty("onHandDelta").GetInt32(), restock.GetProperty("note").GetString(), restock.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task A_count_sets_stock_on_hand_and_the_ledger_records_the_difference()
    {
        var sku = await NewSkuAsync(stock: 10);
        using var counted = await AdjustAsync(sku, null, 7, Guid.NewGuid().ToString("N"), "count_correction");
        await Shop.Expect(counted, HttpStatusCode.OK);
        var history = await HistoryAsync(sku);
        Assert.Equal(7, history.GetProperty("stock").GetProperty("onHand").GetInt32());
        Assert.Equal(-3, history.GetProperty("movements")[0].GetProperty("onHandDelta").GetInt32());
        Assert.Equal("count_correction", history.GetProperty("movements")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Stock_never_goes_below_what_checkouts_hold_and_the_refusal_says_how_much_is_held()
    {
        var sku = await NewSkuAsync(stock: 5);
        using (var hold = await SendAsync("ReserveStock", new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 3 } }, ttl = "00:10:00" }))
            await Shop.Expect(hold, HttpStatusCode.OK);

        using var below = await AdjustAsync(sku, -3, null, Guid.NewGuid().ToString("N"), "damaged");
        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        var problem = await below.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("3 units reserved", problem.GetProperty("detail").GetString());
        Assert.Equal("stock.below-reserved", problem.GetProperty("reason").GetString());
        Assert.Equal(5, (await HistoryAsync(sku)).GetProperty("stock").GetProperty("onHand").GetInt32());
    }

    [Theory]
    [InlineData(0, null, "restock", "delta")]
    [InlineData(2, 4, "restock", "delta")]
    [InlineData(null, null, "restock", "delta")]
    [InlineData(null, -1, "count_correction", "countedOnHand")]
    [InlineData(3, null, "because", "reason")]
    public async Task Bad_input_is_a_400_naming_the_field_and_moves_nothing(int? delta, int? counted, string reason, string field)
    {
        var sku = await NewSkuAsync(stock: 4);
        using var bad = await AdjustAsync(sku, delta, counted, Guid.NewGuid().ToString("N"), reason);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var history = await HistoryAsync(sku);
        Assert.Equal(4, history.GetProperty("stock").GetProperty("onHand").GetInt32());
        Assert.Equal(1, history.GetProperty("total").GetInt32()); // the initial stock only
    }

    [Fact]
    public async Task A_key_used_for_one_SKU_is_refused_for_another()
    {
        var (first, second) = (await NewSkuAsync(stock: 2), await NewSkuAsync(stock: 2));
        var key = Guid.NewGuid().ToString("N");
        using (var adjusted = await AdjustAsync(first, 1, null, key)) await Shop.Expect(adjusted, HttpStatusCode.OK);
        using var reused = await AdjustAsync(second, 1, null, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(2, (await HistoryAsync(second)).GetProperty("stock").GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task The_low_stock_list_holds_exactly_the_SKUs_the_dashboard_counts_fewest_available_first()
    {
        var name = "Lowstock honey " + Guid.NewGuid().ToString("N")[..8];
        var (two, five, six) = (await NewSkuAsync(2, name), await NewSkuAsync(5, name), await NewSkuAsync(6, name));
        using var searched = await SendAsync("SearchStock", new { search = name, lowOnly = true, page = 1, pageSize = 50 });
        await Shop.Expect(searched, HttpStatusCode.OK);
        var page = await searched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([two, five], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()));
        Assert.DoesNotContain(six, page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()));

        using var all = await SendAsync("SearchStock", new { search = (string?)null, lowOnly = true, page = 1, pageSize = 1 });
        using var count = await SendAsync("CountLowStock", new { });
        Assert.Equal((await count.Content.ReadFromJsonAsync<JsonElement>()).GetInt32(),
            (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_unknown_SKU_has_no_history()
    {
        using var r = await SendAsync("GetStockHistory", new { sku = "NO-SUCH-SKU-" + Guid.NewGuid().ToString("N")[..6], page = 1, pageSize = 50 });
        await Shop.Expect(r, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, (await r.Content.ReadFromJsonAsync<JsonElement>()).ValueKind);
    }
}
