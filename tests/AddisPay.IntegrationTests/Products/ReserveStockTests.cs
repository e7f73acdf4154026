using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// Holding stock for checkouts (ReserveStock), driven as the Orders module drives it: over the pod-to-pod endpoint. It never
/// oversells, a retry holds once, and a hold is all or nothing.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ReserveStockTests(CatalogueAndCartPlatform platform)
{
    /// <summary>Forty reservations at once of <c>quantityEach</c> units of a SKU of 10: their statuses, the first refusal's detail, the stock after.</summary>
    private sealed record Rush(List<HttpStatusCode> Statuses, string? RefusalDetail, (int OnHand, int Reserved, int Available) Stock);

    private Task<Rush> RushAsync(int quantityEach) => ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("INV", stock: 10);
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => shop.ReserveAsync(Guid.NewGuid(), "00:10:00", (sku, quantityEach))));
        var refusal = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.Conflict);
        var detail = refusal is null ? null : (await refusal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var r in responses) r.Dispose();
        var (onHand, reserved, available, _) = await shop.StockAsync(sku);
        return new Rush(statuses, detail, (onHand, reserved, available));
    }, $"{quantityEach}");

    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 3)]
    public async Task Concurrent_reservations_for_the_last_units_are_granted_only_as_far_as_the_stock_goes(int quantityEach, int expectedWinners) =>
        Assert.Equal(expectedWinners, (await RushAsync(quantityEach)).Statuses.Count(s => s == HttpStatusCode.OK));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 3)]
    public async Task Concurrent_reservations_beyond_the_stock_are_refused_with_409(int quantityEach, int expectedWinners) =>
        Assert.Equal(40 - expectedWinners, (await RushAsync(quantityEach)).Statuses.Count(s => s == HttpStatusCode.Conflict));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_reservation_refused_for_want_of_stock_says_how_many_are_left(int quantityEach) =>
        Assert.Contains("left", (await RushAsync(quantityEach)).RefusalDetail);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Concurrent_reservations_leave_stock_on_hand_as_it_was(int quantityEach) =>
        Assert.Equal(10, (await RushAsync(quantityEach)).Stock.OnHand);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 3)]
    public async Task Concurrent_reservations_for_the_last_units_never_oversell(int quantityEach, int expectedWinners)
    {
        var (_, reserved, available) = (await RushAsync(quantityEach)).Stock;
        Assert.Equal(expectedWinners * quantityEach, reserved);
        Assert.Equal(10 - expectedWinners * quantityEach, available);
        Assert.True(available >= 0);
    }

    /// <summary>
    /// A reservation of <c>quantity</c> units of a SKU of <c>stock</c> sent twice with one id, then again with that id for
    /// <c>other</c> units: the answers and the stock after the retry.
    /// </summary>
    private sealed record Retried(HttpStatusCode First, HttpStatusCode Retry, (int OnHand, int Reserved, int Available) AfterRetry, HttpStatusCode OtherLines);

    private Task<Retried> RetriedAsync(int stock, int quantity, int other) => ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("INV", stock);
        var id = Guid.NewGuid();
        var first = await shop.ReserveStatusAsync(id, "00:10:00", (sku, quantity));
        var retry = await shop.ReserveStatusAsync(id, "00:10:00", (sku, quantity));
        var (onHand, reserved, available, _) = await shop.StockAsync(sku);
        return new Retried(first, retry, (onHand, reserved, available), await shop.ReserveStatusAsync(id, "00:10:00", (sku, other)));
    }, $"{stock}/{quantity}/{other}");

    private Task<Retried> RetriedWithStockLeftAsync() => RetriedAsync(stock: 5, quantity: 2, other: 3);

    /// <summary>The retry finds no stock to hold (the first request holds it all): it must recognise its own hold, not refuse.</summary>
    private Task<Retried> RetriedOfTheLastUnitsAsync() => RetriedAsync(stock: 2, quantity: 2, other: 1);

    [Fact]
    public async Task A_retried_reservation_is_answered_as_the_first()
    {
        var retried = await RetriedWithStockLeftAsync();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retried.First, retried.Retry));
    }

    [Fact]
    public async Task A_retried_reservation_holds_stock_once() =>
        Assert.Equal(2, (await RetriedWithStockLeftAsync()).AfterRetry.Reserved);

    [Fact]
    public async Task A_reused_reservation_id_with_other_lines_is_refused_with_409() =>
        Assert.Equal(HttpStatusCode.Conflict, (await RetriedWithStockLeftAsync()).OtherLines);

    [Fact]
    public async Task A_retried_reservation_of_the_last_units_answers_as_the_first_did_although_none_are_left()
    {
        var retried = await RetriedOfTheLastUnitsAsync();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retried.First, retried.Retry));
    }

    [Fact]
    public async Task A_retried_reservation_of_the_last_units_holds_them_once() =>
        Assert.Equal((2, 2, 0), (await RetriedOfTheLastUnitsAsync()).AfterRetry);

    [Fact]
    public async Task A_reused_reservation_id_with_other_lines_is_refused_with_409_when_no_units_are_left() =>
        Assert.Equal(HttpStatusCode.Conflict, (await RetriedOfTheLastUnitsAsync()).OtherLines);

    /// <summary>
    /// A reservation of 5 of a SKU of 50 and 2 of a SKU of 1; one of a SKU that does not exist; one of no units for five hours:
    /// the answers and both SKUs' holds after.
    /// </summary>
    private sealed record Refused(HttpStatusCode OneLineShort, int PlentyReserved, int ScarceReserved, HttpStatusCode UnknownSku, HttpStatusCode Invalid);

    private Task<Refused> RefusedAsync() => ArrangedAsync(platform, async shop =>
    {
        var plenty = await shop.NewSkuAsync("INV", stock: 50);
        var scarce = await shop.NewSkuAsync("INV", stock: 1);
        var oneLineShort = await shop.ReserveStatusAsync(Guid.NewGuid(), "00:10:00", (plenty, 5), (scarce, 2));
        var (plentyReserved, scarceReserved) = ((await shop.StockAsync(plenty)).Reserved, (await shop.StockAsync(scarce)).Reserved);
        return new Refused(oneLineShort, plentyReserved, scarceReserved, await shop.ReserveStatusAsync(Guid.NewGuid(), "00:10:00", ("NO-SUCH-SKU", 1)),
            await shop.ReserveStatusAsync(Guid.NewGuid(), "05:00:00", (plenty, 0)));
    });

    [Fact]
    public async Task A_reservation_one_line_of_which_cannot_be_held_is_refused_with_409() =>
        Assert.Equal(HttpStatusCode.Conflict, (await RefusedAsync()).OneLineShort);

    [Fact]
    public async Task A_refused_reservation_holds_none_of_its_lines()
    {
        var refused = await RefusedAsync();
        Assert.Equal((0, 0), (refused.PlentyReserved, refused.ScarceReserved));
    }

    [Fact]
    public async Task A_reservation_of_a_SKU_that_does_not_exist_is_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await RefusedAsync()).UnknownSku);

    [Fact]
    public async Task A_reservation_of_no_units_held_for_five_hours_is_a_400() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await RefusedAsync()).Invalid);

    [Fact]
    public async Task Holding_a_SKU_down_to_its_low_mark_publishes_stock_low() =>
        Assert.True((await StockMoves.ArrangedAsync(platform)).Low >= 1);

    [Fact]
    public async Task Holding_a_SKUs_last_units_publishes_stock_depleted() =>
        Assert.True((await StockMoves.ArrangedAsync(platform)).Depleted >= 1);
}
