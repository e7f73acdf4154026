namespace AddisPay.IntegrationTests.Notifications;

/// <summary>Products' <c>StockReplenished</c> tells the product's watchers once, by email and SMS, in <see cref="BackInStockRun"/>.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class NotifyWatchersTests(NotificationsPlatform platform)
{
    [Fact]
    public async Task A_watcher_is_emailed_once_when_the_product_is_back_in_stock_even_when_the_event_comes_twice() =>
        Assert.Single((await BackInStockRun.OnAsync(platform)).ToWatcher, e => e.Subject == "Sidamo coffee is back in stock");

    [Fact]
    public async Task The_back_in_stock_email_links_to_the_product()
    {
        var run = await BackInStockRun.OnAsync(platform);
        var news = Assert.Single(run.ToWatcher, e => e.Subject == "Sidamo coffee is back in stock");
        Assert.Contains($"See the product: https://shop.addispay.test/products/{run.ProductId}", news.Text);
        Assert.Contains("Sidamo coffee, which you asked us to watch, can be bought again.", news.Html);
    }

    [Fact]
    public async Task A_watcher_gets_one_sms_when_the_product_is_back_in_stock() =>
        Assert.Equal("AddisPay: Sidamo coffee is back in stock.", Assert.Single((await BackInStockRun.OnAsync(platform)).SmsToWatcher).Message);

    [Fact]
    public async Task The_back_in_stock_email_is_logged_once_for_the_watcher_and_never_for_a_bystander()
    {
        var run = await BackInStockRun.OnAsync(platform);
        Assert.Single(run.WatchersLog, m => m.Template == "back_in_stock");
        Assert.DoesNotContain(run.BystandersLog, m => m.Template == "back_in_stock");
    }

    [Fact]
    public async Task A_watch_ends_once_its_watcher_is_told() =>
        Assert.Empty((await BackInStockRun.OnAsync(platform)).WatchersListAfter);
}
