namespace AddisPay.IntegrationTests.Cart;

/// <summary>Clearing a cart (DELETE /api/cart/{id}/items): the lines go, the cart stays.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ClearCartTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task A_cleared_cart_has_no_lines_and_costs_nothing()
    {
        var cleared = (await RemovedThenCleared.ArrangedAsync(platform.Factory)).Cleared;
        Assert.Empty(cleared.Lines);
        Assert.Equal(0m, cleared.TotalEtb);
    }

    [Fact]
    public async Task A_cleared_cart_is_still_found_by_its_id_the_visitors_token() =>
        Assert.Empty((await RemovedThenCleared.ArrangedAsync(platform.Factory)).Reread.Lines);

    [Fact]
    public async Task A_cleared_cart_is_filled_again()
    {
        var story = await RemovedThenCleared.ArrangedAsync(platform.Factory);
        Assert.Equal(story.TeaSku, Assert.Single(story.Refilled.Lines).Sku);
    }

    [Fact]
    public async Task Another_customer_or_a_visitor_clearing_an_owned_cart_gets_a_404() =>
        OwnedCart.AssertRefused(await OwnedCart.ArrangedAsync(platform.Factory), "clear the cart");

    [Fact]
    public async Task The_owner_clears_their_cart() =>
        Assert.Empty((await OwnedCart.ArrangedAsync(platform.Factory)).Cleared.Lines);
}
