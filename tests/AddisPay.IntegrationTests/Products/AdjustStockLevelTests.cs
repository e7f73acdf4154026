using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// Stock as the back office adjusts it (AdjustStockLevel over the pod-to-pod endpoint another module's process uses): by a
/// delta or a count, once per form key, never below what checkouts hold.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class AdjustStockLevelTests(CatalogueAndCartPlatform platform)
{
    private static Task<HttpResponseMessage> AdjustAsync(ProductShop shop, string sku, int? delta, int? counted, string key, string reason = "restock", string? note = null) =>
        shop.InternalAsync("AdjustStockLevel", new { sku, delta, countedOnHand = counted, reason, note, staffId = Staff, idempotencyKey = key });

    /// <summary>A SKU of 10 and a restock of 12 with a note sent twice at once with one key: both answers, the SKU's history after.</summary>
    private sealed record SentTwice(List<HttpStatusCode> Statuses, JsonElement[] Bodies, JsonElement History)
    {
        public JsonElement First => Bodies.Single(b => !b.GetProperty("replayed").GetBoolean());
    }

    private Task<SentTwice> SentTwiceAsync() => ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("STF", stock: 10, name: "Sidama coffee", nameAm: "የሲዳማ ቡና", priceEtb: 640m);
        var key = Key();
        var answers = await Task.WhenAll(AdjustAsync(shop, sku, 12, null, key, note: "Delivery from Sidama"), AdjustAsync(shop, sku, 12, null, key, note: "Delivery from Sidama"));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<JsonElement>()));
        var statuses = answers.Select(a => a.StatusCode).ToList();
        foreach (var a in answers) a.Dispose();
        return new SentTwice(statuses, bodies, await GetStockHistoryTests.HistoryAsync(shop, sku));
    });

    [Fact]
    public async Task An_adjustment_sent_twice_at_once_with_one_key_is_answered_200_both_times() =>
        Assert.All((await SentTwiceAsync()).Statuses, s => Assert.Equal(HttpStatusCode.OK, s));

    [Fact]
    public async Task The_second_answer_of_an_adjustment_sent_twice_is_marked_replayed() =>
        Assert.Equal([false, true], (await SentTwiceAsync()).Bodies.Select(b => b.GetProperty("replayed").GetBoolean()).Order());

    [Fact]
    public async Task An_adjustment_answers_stock_on_hand_before_and_after()
    {
        var first = (await SentTwiceAsync()).First;
        Assert.Equal((10, 22), (first.GetProperty("before").GetProperty("onHand").GetInt32(), first.GetProperty("after").GetProperty("onHand").GetInt32()));
    }

    [Fact]
    public async Task An_adjustment_sent_twice_with_one_key_moves_stock_once() =>
        Assert.Equal(22, (await SentTwiceAsync()).History.GetProperty("stock").GetProperty("onHand").GetInt32());

    [Fact]
    public async Task An_adjustment_sent_twice_is_one_movement_in_the_ledger_with_its_delta_note_and_staff_member()
    {
        var restocks = (await SentTwiceAsync()).History.GetProperty("movements").EnumerateArray().Where(m => m.GetProperty("reason").GetString() == "restock").ToList();
        var restock = Assert.Single(restocks);
        Assert.Equal((12, "Delivery from Sidama", Staff.ToString()),
            (restock.GetProperty("onHandDelta").GetInt32(), restock.GetProperty("note").GetString(), restock.GetProperty("actor").GetString()));
    }

    /// <summary>A SKU of 10 counted at 7: its history after.</summary>
    private sealed record Counted(JsonElement History);

    private Task<Counted> CountedAsync() => ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("STF", stock: 10);
        using (var counted = await AdjustAsync(shop, sku, null, 7, Key(), "count_correction")) await Shop.Expect(counted, HttpStatusCode.OK);
        return new Counted(await GetStockHistoryTests.HistoryAsync(shop, sku));
    });

    [Fact]
    public async Task A_count_sets_stock_on_hand() =>
        Assert.Equal(7, (await CountedAsync()).History.GetProperty("stock").GetProperty("onHand").GetInt32());

    [Fact]
    public async Task A_count_is_in_the_ledger_as_the_difference_with_its_reason()
    {
        var latest = (await CountedAsync()).History.GetProperty("movements")[0];
        Assert.Equal(-3, latest.GetProperty("onHandDelta").GetInt32());
        Assert.Equal("count_correction", latest.GetProperty("reason").GetString());
    }

    /// <summary>A SKU of 5, 3 of them held by a checkout, and a write-off of 3: the refusal and the stock on hand after.</summary>
    private sealed record BelowHeld(HttpStatusCode Status, JsonElement Problem, int OnHandAfter);

    private Task<BelowHeld> BelowHeldAsync() => ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("STF", stock: 5);
        using (var hold = await shop.InternalAsync("ReserveStock", new { reservationId = Guid.NewGuid(), lines = new[] { new { sku, quantity = 3 } }, ttl = "00:10:00" }))
            await Shop.Expect(hold, HttpStatusCode.OK);
        using var below = await AdjustAsync(shop, sku, -3, null, Key(), "damaged");
        var problem = await below.Content.ReadFromJsonAsync<JsonElement>();
        return new BelowHeld(below.StatusCode, problem, (await GetStockHistoryTests.HistoryAsync(shop, sku)).GetProperty("stock").GetProperty("onHand").GetInt32());
    });

    [Fact]
    public async Task Stock_going_below_what_checkouts_hold_is_refused_with_409_stock_below_reserved()
    {
        var refused = await BelowHeldAsync();
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("stock.below-reserved", refused.Problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_refusal_of_stock_below_what_checkouts_hold_says_how_much_is_held() =>
        Assert.Contains("3 units reserved", (await BelowHeldAsync()).Problem.GetProperty("detail").GetString());

    [Fact]
    public async Task Stock_going_below_what_checkouts_hold_leaves_stock_on_hand_as_it_was() =>
        Assert.Equal(5, (await BelowHeldAsync()).OnHandAfter);

    /// <summary>A SKU of 4 and one bad adjustment of it: the answer and the SKU's history after.</summary>
    private sealed record BadInput(HttpStatusCode Status, JsonElement Problem, JsonElement History);

    private Task<BadInput> BadInputAsync(int? delta, int? counted, string reason) => ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("STF", stock: 4);
        using var bad = await AdjustAsync(shop, sku, delta, counted, Key(), reason);
        return new BadInput(bad.StatusCode, await bad.Content.ReadFromJsonAsync<JsonElement>(), await GetStockHistoryTests.HistoryAsync(shop, sku));
    }, $"{delta}/{counted}/{reason}");

    [Theory]
    [InlineData(0, null, "restock", "delta")]
    [InlineData(2, 4, "restock", "delta")]
    [InlineData(null, null, "restock", "delta")]
    [InlineData(null, -1, "count_correction", "countedOnHand")]
    [InlineData(3, null, "because", "reason")]
    public async Task Bad_input_is_a_400_naming_the_field(int? delta, int? counted, string reason, string field)
    {
        var bad = await BadInputAsync(delta, counted, reason);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.Problem.GetProperty("errors").TryGetProperty(field, out _), bad.Problem.ToString());
    }

    [Theory]
    [InlineData(0, null, "restock")]
    [InlineData(2, 4, "restock")]
    [InlineData(null, null, "restock")]
    [InlineData(null, -1, "count_correction")]
    [InlineData(3, null, "because")]
    public async Task Bad_input_moves_nothing(int? delta, int? counted, string reason)
    {
        var history = (await BadInputAsync(delta, counted, reason)).History;
        Assert.Equal(4, history.GetProperty("stock").GetProperty("onHand").GetInt32());
        Assert.Equal(1, history.GetProperty("total").GetInt32()); // the initial stock only
    }

    /// <summary>Two SKUs of 2; a restock of the first with a key, then of the second with the same key: the refusal and the second's stock after.</summary>
    private sealed record KeyReused(HttpStatusCode Status, int SecondOnHand);

    private Task<KeyReused> KeyReusedAsync() => ArrangedAsync(platform, async shop =>
    {
        var (first, second) = (await shop.NewSkuAsync("STF", stock: 2), await shop.NewSkuAsync("STF", stock: 2));
        var key = Key();
        using (var adjusted = await AdjustAsync(shop, first, 1, null, key)) await Shop.Expect(adjusted, HttpStatusCode.OK);
        using var reused = await AdjustAsync(shop, second, 1, null, key);
        return new KeyReused(reused.StatusCode, (await GetStockHistoryTests.HistoryAsync(shop, second)).GetProperty("stock").GetProperty("onHand").GetInt32());
    });

    [Fact]
    public async Task A_key_used_for_one_SKU_is_refused_for_another_with_422() =>
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await KeyReusedAsync()).Status);

    [Fact]
    public async Task A_key_refused_for_another_SKU_leaves_that_SKUs_stock_as_it_was() =>
        Assert.Equal(2, (await KeyReusedAsync()).SecondOnHand);
}
