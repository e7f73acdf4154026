namespace AddisPay.IntegrationTests.Cart;

/// <summary>Adding to a cart (POST /api/cart/{id}/items): an owned cart is filled by its owner alone.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class AddItemTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task Another_customer_filling_an_owned_cart_gets_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await PrivateCart.ArrangedAsync(platform.Factory)).OtherAdds);

    [Fact]
    public async Task The_owner_fills_their_cart() =>
        Assert.Equal(HttpStatusCode.OK, (await PrivateCart.ArrangedAsync(platform.Factory)).OwnerAdds);
}
