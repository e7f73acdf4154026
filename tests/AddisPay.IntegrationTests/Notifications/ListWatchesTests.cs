namespace AddisPay.IntegrationTests.Notifications;

/// <summary>A customer's own watches (<c>GET /api/notifications/watches</c>), in <see cref="BackInStockRun"/>.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class ListWatchesTests(NotificationsPlatform platform)
{
    [Fact]
    public async Task A_customer_sees_the_watch_they_asked_for() =>
        Assert.Single((await BackInStockRun.OnAsync(platform)).WatchersList);

    [Fact]
    public async Task A_customer_does_not_see_another_customers_watch() =>
        Assert.Empty((await BackInStockRun.OnAsync(platform)).BystandersList);
}
