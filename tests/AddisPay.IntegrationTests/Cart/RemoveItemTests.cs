namespace AddisPay.IntegrationTests.Cart;

/// <summary>Removing a line (DELETE /api/cart/{id}/items/{sku}).</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class RemoveItemTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task A_removed_line_leaves_the_others_in_their_order()
    {
        var story = await RemovedThenCleared.ArrangedAsync(platform.Factory);
        Assert.Equal([story.CoffeeSku, story.TeaSku], story.AfterRemove.Lines.Select(l => l.Sku).ToArray());
    }

    [Fact]
    public async Task A_removed_line_leaves_the_cart_priced_without_it()
    {
        var afterRemove = (await RemovedThenCleared.ArrangedAsync(platform.Factory)).AfterRemove;
        Assert.Equal(300m * 2 + 120m * 3, afterRemove.SubtotalEtb);
        Assert.Equal(144m, afterRemove.VatEtb);
    }

    [Fact]
    public async Task Removing_a_line_already_removed_is_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await RemovedThenCleared.ArrangedAsync(platform.Factory)).RemovedAgain);

    [Fact]
    public async Task Another_customer_or_a_visitor_removing_a_line_of_an_owned_cart_gets_a_404() =>
        OwnedCart.AssertRefused(await OwnedCart.ArrangedAsync(platform.Factory), "remove a line");
}
