using AddisPay.Products.Contracts;
using AddisPay.Users.Contracts;
using Npgsql;

namespace AddisPay.Notifications.NotifyWatchers;

/// <summary>
/// A variant is buyable again: every customer watching it (or the whole product) is told once, and the watch
/// ends, all in the inbox transaction. Back-in-stock news counts as an order update for the customer's choices.
/// </summary>
internal sealed class NotifyWatchers(ModuleWork<AddisPay.Notifications.Data.NotificationsDbContext> work, Notifier notifier, ISender sender) : IIntegrationEventHandler<StockReplenished>
{
    public async Task HandleAsync(StockReplenished e, IntegrationEventContext context, CancellationToken ct)
    {
        var watchers = await CustomerDataSql.TakeWatchesAsync(work, e.ProductId, e.Sku, ct);

        // Most restocks have no watchers; Users (maybe in another pod) is asked only when someone waits.
        if (watchers.Count == 0) return;
        // One read for every watcher's contact rather than one each: a popular product back in stock has hundreds.
        var contacts = (await sender.Send(new GetUserContacts(watchers.Select(w => w.Item1).ToList()), ct)).ToDictionary(c => c.UserId);
        foreach (var (userId, name, nameAm) in watchers)
        {
            if (contacts.GetValueOrDefault(userId) is not { NotifyOrderUpdates: true } contact) continue;
            var language = TemplateCatalogue.Language(contact.PreferredLanguage);
            await notifier.NotifyAsync(context, e.EventId, new Addressee(userId, contact.Email, contact.Phone, language, contact.FullName),
                TemplateCatalogue.BackInStock, new() { ["product"] = language == "am" ? nameAm : name },
                notifier.StorefrontLink($"/products/{e.ProductId}"), allowSms: true, ct);
        }
    }
}
