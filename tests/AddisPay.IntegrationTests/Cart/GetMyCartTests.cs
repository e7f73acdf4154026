namespace AddisPay.IntegrationTests.Cart;

/// <summary>A customer's own cart (GET /api/cart/mine), started at its first read.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class GetMyCartTests(AllModulesPlatform platform)
{
    private readonly CartOwners _owners = new(platform.Factory);

    [Fact]
    public async Task Concurrent_first_reads_of_a_users_cart_give_them_one_cart()
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        var userId = await _owners.Accounts.RegisterAsync(email);
        var session = await _owners.Accounts.SignInAsync(email);

        var carts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _owners.MyCartAsync(session.AccessToken)));

        Assert.Single(carts.Select(c => c.Id).Distinct());
        Assert.Equal(1, await CartOwners.OwnedCartsAsync(platform.Factory, userId));
    }
}
