using System.Globalization;
using AddisPay.Market;
using AddisPay.Notifications.Contracts;
using Microsoft.Extensions.Options;

namespace AddisPay.Notifications.Domain;

/// <summary>Who a message goes to, in which language, and whether it may also go by SMS.</summary>
internal sealed record Addressee(Guid? UserId, string Email, string? Phone, string Language, string Name);

/// <summary>
/// Turns a transactional cause into delivery-log entries inside the inbox transaction: an email, plus an SMS when
/// the template has one, the customer has a phone and an SMS provider is configured.
/// </summary>
internal sealed class Notifier(MessageTemplates templates, DeliveryLog log, IOptions<NotificationsOptions> options)
{
    public static readonly TimeSpan AddisAbabaOffset = TimeSpan.FromHours(3);

    public NotificationsOptions Options => options.Value;

    /// <summary>The messages are queued with the inbox transaction's other writes (see <see cref="IDefersWrites"/>).</summary>
    public Task NotifyAsync(IntegrationEventContext context, Guid sourceId, Addressee to, string template,
        Dictionary<string, object?> model, string? actionUrl, bool allowSms, CancellationToken ct)
    {
        var language = TemplateCatalogue.Language(to.Language);
        model["name"] = to.Name;
        var email = templates.Email(template, language, model, actionUrl);
        log.Enqueue(context, new OutgoingMessage(sourceId, to.UserId, Channels.Email, to.Email, template, language, email.Subject, email.Text, email.Html));

        if (allowSms && !string.IsNullOrEmpty(to.Phone) && options.Value.Sms.Enabled && templates.Sms(template, language, model) is { } sms)
            log.Enqueue(context, new OutgoingMessage(sourceId, to.UserId, Channels.Sms, to.Phone, template, language, null, sms, null));
        return Task.CompletedTask;
    }

    public string StorefrontLink(string path) => options.Value.StorefrontUrl.TrimEnd('/') + path;

    public static string Money(decimal etb) => Etb.Digits(etb);

    public static string LocalTime(DateTimeOffset at) => at.ToOffset(AddisAbabaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
