namespace AddisPay.IntegrationTests.Cart;

/// <summary>A deleted account (UserDeleted) takes its carts along.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class EraseCartsOfDeletedUserTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task A_deleted_account_takes_its_cart_along()
    {
        var story = await PrivateCart.ArrangedAsync(platform.Factory);
        Assert.Equal(HttpStatusCode.NoContent, story.AccountDeleted);
        Assert.Equal(0, story.RowsAfterDeletion);
    }
}
