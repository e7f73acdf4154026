namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// Stock for checkouts, driven as the Orders module drives it: Products' Contracts requests over the
/// pod-to-pod HTTP endpoint. It never oversells, every hold ends (paid, released or expired), and every
/// change is in the audit trail.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class InventoryTests(CatalogueAndCartPlatform platform)
{
    private readonly HttpClient _http = platform.Factory.CreateClient();

    private async Task<string> NewSkuAsync(int stock)
    {
        var sku = $"INV-{Guid.NewGuid():N}"[..18].ToUpperInvariant();
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { name = "Harar coffee", nameAm = "የሐረር ቡና", sku, priceEtb = 720m, stock, publish = true }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return sku;
    }

    private Task<HttpResponseMessage> SendAsync(string request, object body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/internal/products/requests/{request}") { Content = JsonContent.Create(body) };
        message.Headers.Add("X-AddisPay-Internal-Key", PlatformFactory.InternalKey);
        return _http.SendAsync(message);
    }

    private Task<HttpResponseMessage> ReserveAsync(Guid id, string ttl, params (string Sku, int Quantity)[] lines) =>
        SendAsync("ReserveStock", new { reservationId = id, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }), ttl, reference = "order-test" });

    private async Task<(int OnHand, int Reserved, int Available, JsonElement Movements)> StockAsync(string sku)
    {
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", null, Tokens.Admin()));
        var s = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (s.GetProperty("onHand").GetInt32(), s.GetProperty("reserved").GetInt32(), s.GetProperty("available").GetInt32(), s.GetProperty("movements"));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 3)]
    public async Task Concurrent_reservations_for_the_last_units_never_oversell(int quantityEach, int expectedWinners)
    {
        var sku = await NewSkuAsync(stock: 10);
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => ReserveAsync(Guid.NewGuid(), "00:10:00", (sku, quantityEach))));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(expectedWinners, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(40 - expectedWinners, statuses.Count(s => s == HttpStatusCode.Conflict));
        var conflict = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("left", conflict.GetProperty("detail").GetString());

        var (onHand, reserved, available, _) = await StockAsync(sku);
        Assert.Equal(10, onHand);
        Assert.Equal(expectedWinners * quantityEach, reserved);
        Assert.Equal(10 - expectedWinners * quantityEach, available);
        Assert.True(available >= 0);
    }

    [Fact]
    public async Task A_retried_reservation_holds_stock_once_and_a_reused_id_with_other_lines_is_refused()
    {
        var sku = await NewSkuAsync(stock: 5);
        var id = Guid.NewGuid();
        using (var first = await ReserveAsync(id, "00:10:00", (sku, 2))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var retry = await ReserveAsync(id, "00:10:00", (sku, 2))) Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, (await StockAsync(sku)).Reserved);
        using (var other = await ReserveAsync(id, "00:10:00", (sku, 3))) Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
    }

    [Fact]
    public async Task A_retried_reservation_of_the_last_units_answers_as_the_first_did_although_none_are_left()
    {
        // The retry finds no stock to hold (the first request holds it all): it must recognise its own hold, not refuse.
        var sku = await NewSkuAsync(stock: 2);
        var id = Guid.NewGuid();
        using (var first = await ReserveAsync(id, "00:10:00", (sku, 2))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var retry = await ReserveAsync(id, "00:10:00", (sku, 2))) Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        using (var other = await ReserveAsync(id, "00:10:00", (sku, 1))) Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var (onHand, reserved, available, _) = await StockAsync(sku);
        Assert.Equal((2, 2, 0), (onHand, reserved, available));
    }

    [Fact]
    public async Task A_reservation_is_all_or_nothing_across_lines()
    {
        var plenty = await NewSkuAsync(stock: 50);
        var scarce = await NewSkuAsync(stock: 1);
        using var r = await ReserveAsync(Guid.NewGuid(), "00:10:00", (plenty, 5), (scarce, 2));
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        Assert.Equal(0, (await StockAsync(plenty)).Reserved);
        Assert.Equal(0, (await StockAsync(scarce)).Reserved);
        using var unknown = await ReserveAsync(Guid.NewGuid(), "00:10:00", ("NO-SUCH-SKU", 1));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var invalid = await ReserveAsync(Guid.NewGuid(), "05:00:00", (plenty, 0));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Commit_sells_the_stock_release_gives_it_back_and_both_are_idempotent()
    {
        var sku = await NewSkuAsync(stock: 6);
        var paid = Guid.NewGuid();
        var cancelled = Guid.NewGuid();
        (await ReserveAsync(paid, "00:10:00", (sku, 2))).Dispose();
        (await ReserveAsync(cancelled, "00:10:00", (sku, 3))).Dispose();

        for (var i = 0; i < 2; i++)
        {
            using var commit = await SendAsync("CommitReservation", new { reservationId = paid });
            Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
            Assert.Equal("Committed", (await commit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
            using var release = await SendAsync("ReleaseReservation", new { reservationId = cancelled });
            Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        }
        var (onHand, reserved, available, movements) = await StockAsync(sku);
        Assert.Equal((4, 0, 4), (onHand, reserved, available));
        using (var late = await SendAsync("ReleaseReservation", new { reservationId = paid })) Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        var reasons = movements.EnumerateArray().Select(m => m.GetProperty("reason").GetString()!).ToList();
        Assert.Equal(["initial_stock", "reserved", "reserved", "sold", "released"], reasons.AsEnumerable().Reverse().ToArray());
    }

    [Fact]
    public async Task An_unpaid_hold_expires_and_its_stock_returns()
    {
        var sku = await NewSkuAsync(stock: 1);
        var id = Guid.NewGuid();
        (await ReserveAsync(id, "00:00:01", (sku, 1))).Dispose();
        Assert.Equal(0, (await StockAsync(sku)).Available);
        await Eventually.Until(() => StockAsync(sku), s => s.Available == 1, "the expired hold to be released", TimeSpan.FromSeconds(15));
        using var commit = await SendAsync("CommitReservation", new { reservationId = id });
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        Assert.Contains("expired", (await StockAsync(sku)).Movements.ToString());
    }

    [Fact]
    public async Task Restocks_and_corrections_are_audited_and_stock_events_are_published()
    {
        var sku = await NewSkuAsync(stock: 8);
        (await ReserveAsync(Guid.NewGuid(), "00:10:00", (sku, 4))).Dispose(); // 4 left: low
        (await ReserveAsync(Guid.NewGuid(), "00:10:00", (sku, 4))).Dispose(); // none left: depleted
        using (var tooMuch = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{sku}/adjustments",
                   new { delta = -1, reason = "damaged" }, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode); // every unit is held by a checkout
        using (var restock = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{sku}/adjustments",
                   new { delta = 3, reason = "restock", note = "Delivery from Sidama" }, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, restock.StatusCode);
        using (var bad = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{sku}/adjustments",
                   new { delta = 2, reason = "because" }, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var (onHand, _, available, movements) = await StockAsync(sku);
        Assert.Equal((11, 3), (onHand, available)); // restocked: replenished
        var restocked = movements.EnumerateArray().First();
        Assert.Equal("restock", restocked.GetProperty("reason").GetString());
        Assert.Equal("Delivery from Sidama", restocked.GetProperty("note").GetString());
        Assert.Equal("admin-1", restocked.GetProperty("actor").GetString());

        foreach (var type in new[] { "products.stock_depleted", "products.stock_replenished", "products.stock_low" })
            Assert.True(await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
                $"select count(*) from events.mt_events where type = '{type}' and data->>'Sku' = '{sku}'") >= 1, type);
    }
}
