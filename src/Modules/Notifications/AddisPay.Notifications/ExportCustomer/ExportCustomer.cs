using AddisPay.Notifications.Contracts;
using AddisPay.Notifications.EraseCustomer;

namespace AddisPay.Notifications.ExportCustomer;

/// <summary>
/// The messages, watches and purchases of a customer as their data export carries them (deletion: <see cref="EraseCustomer"/>).
/// A message's plain-text body is exported; its HTML twin says the same.
/// </summary>
internal sealed class ExportCustomer(NotificationsDbContext db) : IQueryHandler<ExportNotificationsOf, NotificationsExport>
{
    public async ValueTask<NotificationsExport> Handle(ExportNotificationsOf query, CancellationToken ct)
    {
        var user = query.UserId;
        var messages = await db.Messages.AsNoTracking().Where(m => m.UserId == user).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new ExportedMessage(m.Id, m.Channel, m.Recipient, m.Template, m.Language, m.Promotional, m.Subject, m.Body, m.Status, m.CreatedAt, m.SentAt))
            .ToListAsync(ct);
        var watches = await db.Watches.AsNoTracking().Where(w => w.UserId == user).OrderBy(w => w.CreatedAt).ThenBy(w => w.ProductId)
            .Select(w => new ExportedWatch(w.ProductId, w.Sku, w.ProductName, w.ProductNameAm, w.CreatedAt)).ToListAsync(ct);
        var purchases = await db.Purchases.AsNoTracking().Where(p => p.UserId == user).OrderBy(p => p.PaidAt).ThenBy(p => p.ProductId)
            .Select(p => new ExportedCampaignPurchase(p.OrderId, p.ProductId, p.PaidAt)).ToListAsync(ct);
        return new NotificationsExport(messages, watches, purchases);
    }
}
