namespace AddisPay.IntegrationTests.Products;

/// <summary>Restocks and corrections through the admin API (POST /api/products/inventory/{sku}/adjustments): audited in the ledger, never below what checkouts hold.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class AdjustStockTests(CatalogueAndCartPlatform platform)
{
    private Task<StockMoves> MovesAsync() => StockMoves.ArrangedAsync(platform);

    [Fact]
    public async Task Writing_off_a_unit_that_a_checkout_holds_is_a_409() =>
        Assert.Equal(HttpStatusCode.Conflict, (await MovesAsync()).WriteOffOfHeldUnit);

    [Fact]
    public async Task A_restock_is_a_200() =>
        Assert.Equal(HttpStatusCode.OK, (await MovesAsync()).Restock);

    [Fact]
    public async Task A_correction_with_a_reason_that_does_not_exist_is_a_400() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await MovesAsync()).UnknownReason);

    [Fact]
    public async Task A_restock_adds_to_stock_on_hand_and_available_and_refused_changes_add_nothing()
    {
        var moves = await MovesAsync();
        Assert.Equal((11, 3), (moves.OnHand, moves.Available)); // restocked: replenished
    }

    [Fact]
    public async Task A_restock_is_in_the_ledger_with_its_reason_note_and_actor()
    {
        var restocked = (await MovesAsync()).LatestMovement;
        Assert.Equal("restock", restocked.GetProperty("reason").GetString());
        Assert.Equal("Delivery from Sidama", restocked.GetProperty("note").GetString());
        Assert.Equal("admin-1", restocked.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Restocking_a_depleted_SKU_publishes_stock_replenished() =>
        Assert.True((await MovesAsync()).Replenished >= 1);
}
