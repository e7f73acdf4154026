using AddisPay.Notifications.Contracts;
using AddisPay.Notifications.Domain;
using AddisPay.Products.Contracts;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// One back-in-stock story, run once on the platform (<see cref="NotificationsPlatform.ArrangedAsync{T}"/>) for the classes
/// of the use cases it passes through (<see cref="WatchProductTests"/>, <see cref="ListWatchesTests"/>,
/// <see cref="StopWatchingTests"/>, <see cref="NotifyWatchersTests"/>): a customer asks to watch an out-of-stock product
/// (after a malformed ask and one for an unknown product), lists their watches beside a bystander, the bystander tries to
/// remove the watch, the product is restocked (the event delivered twice), and the watcher lists their watches again.
/// </summary>
public sealed record BackInStockRun(
    Guid ProductId, Customer Watcher, Customer Bystander,
    HttpStatusCode MalformedAnswer, HttpStatusCode UnknownProductAnswer, HttpStatusCode WatchAnswer, WatchView? Watch,
    IReadOnlyList<WatchView> WatchersList, IReadOnlyList<WatchView> BystandersList, HttpStatusCode BystandersRemoveAnswer,
    IReadOnlyList<ReceivedEmail> ToWatcher, IReadOnlyList<ReceivedSms> SmsToWatcher,
    IReadOnlyList<MessageView> WatchersLog, IReadOnlyList<MessageView> BystandersLog, IReadOnlyList<WatchView> WatchersListAfter)
{
    public static Task<BackInStockRun> OnAsync(NotificationsPlatform platform) => platform.ArrangedAsync(async p =>
    {
        var shop = new Shop(p.Http, p.Http);
        var product = await shop.CreateProductAsync($"BIS-{Guid.NewGuid():N}"[..14], 120m, stock: 0, name: "Sidamo coffee");
        var watcher = await p.CustomerAsync("en");
        var bystander = await p.CustomerAsync("en");

        HttpStatusCode malformed, unknown, watchAnswer, foreign;
        WatchView? watch = null;
        using (var bad = await p.SendAsync(HttpMethod.Post, "/api/notifications/watches", watcher.AccessToken, new { sku = "x" }))
            malformed = bad.StatusCode;
        using (var r = await p.SendAsync(HttpMethod.Post, "/api/notifications/watches", watcher.AccessToken, new { productId = Guid.NewGuid() }))
            unknown = r.StatusCode;
        using (var r = await p.SendAsync(HttpMethod.Post, "/api/notifications/watches", watcher.AccessToken, new { productId = product.Id }))
        {
            watchAnswer = r.StatusCode;
            if (r.IsSuccessStatusCode) watch = await r.Content.ReadFromJsonAsync<WatchView>();
        }
        var mine = await WatchesAsync(p, watcher);
        var others = await WatchesAsync(p, bystander);
        using (var r = await p.SendAsync(HttpMethod.Delete, $"/api/notifications/watches/{product.Id}", bystander.AccessToken))
            foreign = r.StatusCode;

        var replenished = new StockReplenished(product.Id, product.Variants[0].Sku, 5);
        await p.PublishAsync(replenished);
        await p.PublishAsync(replenished);

        var emails = await p.EmailsAsync(watcher.Email, 2);
        var sms = await Eventually.Until(() => Task.FromResult(p.Sms.To(watcher.Phone!)), s => s.Count >= 1, "the back-in-stock SMS");
        await p.WaitForInboxAsync();
        return new BackInStockRun(product.Id, watcher, bystander, malformed, unknown, watchAnswer, watch, mine, others, foreign, emails, sms,
            await p.LogAsync(watcher.Email), await p.LogAsync(bystander.Email), await WatchesAsync(p, watcher));
    });

    private static async Task<IReadOnlyList<WatchView>> WatchesAsync(NotificationsPlatform platform, Customer customer)
    {
        using var r = await platform.SendAsync(HttpMethod.Get, "/api/notifications/watches", customer.AccessToken);
        return (await r.Content.ReadFromJsonAsync<List<WatchView>>())!;
    }
}
