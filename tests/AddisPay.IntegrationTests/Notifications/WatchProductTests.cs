namespace AddisPay.IntegrationTests.Notifications;

/// <summary>A customer asks to be told when a product is back in stock (<c>POST /api/notifications/watches</c>), in <see cref="BackInStockRun"/>.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class WatchProductTests(NotificationsPlatform platform)
{
    [Fact]
    public async Task A_watch_that_names_no_product_is_refused_with_400() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await BackInStockRun.OnAsync(platform)).MalformedAnswer);

    [Fact]
    public async Task A_watch_of_an_unknown_product_is_answered_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await BackInStockRun.OnAsync(platform)).UnknownProductAnswer);

    [Fact]
    public async Task A_watch_of_an_out_of_stock_product_is_created_with_the_products_name()
    {
        var run = await BackInStockRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.Created, run.WatchAnswer);
        Assert.Equal("Sidamo coffee", run.Watch!.ProductName);
    }
}
