using AddisPay.Notifications.NotifyWatchers;
using AddisPay.Notifications.Domain;
using AddisPay.Notifications.Data;
using AddisPay.Notifications.OrderUpdates;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary><see cref="CustomerDataSql"/> against the mapping of <see cref="NotificationsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class CustomerDataSqlTests(SqlFamilies platform)
{
    private static readonly DateTimeOffset Now = SqlFamilies.Now;

    [Fact]
    public async Task Watches_saved_through_the_context_are_handed_out_once_by_the_restocked_sku()
    {
        var product = Guid.NewGuid();
        var (anySku, thisSku, otherSku) = (Watch(product, null), Watch(product, "SKU-A"), Watch(product, "SKU-B"));
        await platform.SaveAsync<NotificationsDbContext>(anySku, thisSku, otherSku);

        var watchers = await platform.InWorkAsync<NotificationsDbContext, List<(Guid UserId, string Name, string NameAm)>>(work =>
            CustomerDataSql.TakeWatchesAsync(work, product, "SKU-A", CancellationToken.None));

        Assert.Equal(new[] { anySku.UserId, thisSku.UserId }.Order(), watchers.Select(w => w.UserId).Order());
        Assert.All(watchers, w => Assert.Equal(("Coffee", "ቡና"), (w.Name, w.NameAm)));
        var left = await platform.WithContextAsync<NotificationsDbContext, List<string?>>(db => db.Watches.Where(w => w.ProductId == product).Select(w => w.Sku).ToListAsync());
        Assert.Equal(["SKU-B"], left);
    }

    [Fact]
    public async Task An_order_and_its_purchases_queued_by_their_statements_read_back_through_the_context_once()
    {
        var (order, customer, product) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        for (var i = 0; i < 2; i++)
            await platform.InInboxAsync(context =>
            {
                CustomerDataSql.DeferOrder(context, order, i == 0 ? "AP000123" : "AP999999", customer);
                CustomerDataSql.DeferPurchase(context, order, product, customer, Now);
                return Task.CompletedTask;
            });

        var (known, purchases) = await platform.WithContextAsync<NotificationsDbContext, (KnownOrder, List<Purchase>)>(async db =>
            (await db.Orders.AsNoTracking().SingleAsync(o => o.OrderId == order), await db.Purchases.AsNoTracking().Where(p => p.OrderId == order).ToListAsync()));
        Assert.Equal(("AP000123", customer), (known.OrderNumber, known.CustomerId));
        var purchase = Assert.Single(purchases);
        Assert.Equal((product, customer, Now), (purchase.ProductId, purchase.UserId, purchase.PaidAt));
    }

    [Fact]
    public async Task A_products_categories_kept_by_the_upsert_read_back_through_the_context_as_the_latest_path()
    {
        var product = Guid.NewGuid();

        await platform.InWorkAsync<NotificationsDbContext>(work => CustomerDataSql.KeepCategoriesAsync(work, product, ["drinks", "coffee"], CancellationToken.None));
        await platform.InWorkAsync<NotificationsDbContext>(work => CustomerDataSql.KeepCategoriesAsync(work, product, ["drinks", "tea"], CancellationToken.None));

        var kept = await platform.WithContextAsync<NotificationsDbContext, ProductCategory>(db => db.ProductCategories.AsNoTracking().SingleAsync(c => c.ProductId == product));
        Assert.Equal(["drinks", "tea"], kept.CategorySlugs);
    }

    [Fact]
    public async Task Erasing_a_customer_removes_what_the_context_saved_for_them_and_blanks_the_messages_sent()
    {
        var user = Guid.NewGuid();
        var (queued, sent) = (NewMessage(user, MessageStatus.Queued), NewMessage(user, MessageStatus.Sent));
        await platform.SaveAsync<NotificationsDbContext>(queued, sent, Watch(Guid.NewGuid(), null, user),
            new Purchase { OrderId = Guid.NewGuid(), ProductId = Guid.NewGuid(), UserId = user, PaidAt = Now },
            new CampaignUnsubscribe { CampaignId = Guid.NewGuid(), UserId = user, At = Now });

        await platform.InWorkAsync<NotificationsDbContext>(work => CustomerDataSql.EraseAsync(work, user, CancellationToken.None));

        var (watches, purchases, unsubscribes, messages) = await platform.WithContextAsync<NotificationsDbContext, (int, int, int, List<Message>)>(async db =>
            (await db.Watches.CountAsync(w => w.UserId == user), await db.Purchases.CountAsync(p => p.UserId == user),
             await db.CampaignUnsubscribes.CountAsync(u => u.UserId == user), await db.Messages.AsNoTracking().Where(m => m.UserId == user).ToListAsync()));
        Assert.Equal((0, 0, 0), (watches, purchases, unsubscribes));
        var kept = Assert.Single(messages);
        Assert.Equal((sent.Id, $"erased:{sent.Id}", (string?)null, "", (string?)null, (string?)null),
            (kept.Id, kept.Recipient, kept.Subject, kept.Body, kept.HtmlBody, kept.LastError));
    }

    private static ProductWatch Watch(Guid product, string? sku, Guid? user = null) => new()
    {
        UserId = user ?? Guid.NewGuid(), ProductId = product, Sku = sku, ProductName = "Coffee", ProductNameAm = "ቡና", CreatedAt = Now
    };

    private static Message NewMessage(Guid user, string status) => new()
    {
        Id = Guid.NewGuid(), SourceId = Guid.NewGuid(), UserId = user, Channel = "email", Recipient = "abebe@example.com", Template = "order_paid",
        Subject = "Paid", Body = "Your order is paid.", HtmlBody = "<p>Paid</p>", Status = status, LastError = status == MessageStatus.Sent ? null : "421",
        CreatedAt = Now, NextAttemptAt = Now.AddYears(40) // never due for the platform's own delivery rounds
    };
}
