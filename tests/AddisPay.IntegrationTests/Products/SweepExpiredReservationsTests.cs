namespace AddisPay.IntegrationTests.Products;

/// <summary>Unpaid holds end on their own: the sweep (every quarter second on this platform) releases an expired hold and gives its stock back.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class SweepExpiredReservationsTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task An_unpaid_hold_takes_its_units_out_of_what_is_available_until_it_expires() =>
        Assert.Equal(0, (await ExpiredHold.ArrangedAsync(platform)).AvailableWhileHeld);

    [Fact]
    public async Task An_unpaid_hold_expires_and_its_stock_returns() =>
        Assert.Equal(1, (await ExpiredHold.ArrangedAsync(platform)).AvailableAfterExpiry);

    [Fact]
    public async Task An_expired_hold_is_in_the_ledger_as_expired() =>
        Assert.Contains("expired", (await ExpiredHold.ArrangedAsync(platform)).Movements);
}
