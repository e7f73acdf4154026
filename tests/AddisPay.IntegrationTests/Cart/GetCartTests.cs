namespace AddisPay.IntegrationTests.Cart;

/// <summary>Reading a cart by its id (GET /api/cart/{id}): an owned cart is its owner's alone.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class GetCartTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task Another_customer_reading_an_owned_cart_gets_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await PrivateCart.ArrangedAsync(platform.Factory)).OtherReads);

    [Fact]
    public async Task A_visitor_reading_an_owned_cart_gets_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await PrivateCart.ArrangedAsync(platform.Factory)).VisitorReads);
}
