namespace AddisPay.IntegrationTests.Notifications;

/// <summary>A customer ends a watch (<c>DELETE /api/notifications/watches/{productId}</c>), in <see cref="BackInStockRun"/>.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class StopWatchingTests(NotificationsPlatform platform)
{
    [Fact]
    public async Task Another_customer_cannot_remove_someone_elses_watch_which_for_them_does_not_exist() =>
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await BackInStockRun.OnAsync(platform)).BystandersRemoveAnswer);
}
