using Mediator;

namespace AddisPay.Notifications.Contracts;

/// <summary>
/// Everything Notifications holds about a customer, for their data export: every email and SMS addressed to them (with
/// what it said and whether it went out), the back-in-stock watches they keep, and the purchases it knows of for
/// campaigns. Their notification choices (order updates, promotions) are part of the Users profile.
/// </summary>
public sealed record ExportNotificationsOf(Guid UserId) : IQuery<NotificationsExport>;

public sealed record NotificationsExport(IReadOnlyList<ExportedMessage> Messages, IReadOnlyList<ExportedWatch> BackInStockWatches,
    IReadOnlyList<ExportedCampaignPurchase> Purchases);

/// <param name="Channel">email or sms.</param>
/// <param name="Status">queued, sent, failed or dead.</param>
public sealed record ExportedMessage(Guid MessageId, string Channel, string Recipient, string Template, string Language, bool Promotional, string? Subject,
    string Body, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <param name="Sku">Null: any variant of the product.</param>
public sealed record ExportedWatch(Guid ProductId, string? Sku, string ProductName, string ProductNameAm, DateTimeOffset CreatedAt);

public sealed record ExportedCampaignPurchase(Guid OrderId, Guid ProductId, DateTimeOffset PaidAt);
