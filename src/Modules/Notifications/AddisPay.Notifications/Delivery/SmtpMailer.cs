using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AddisPay.Notifications.Delivery;

/// <summary>Sends one email over SMTP (MailKit) with a plain-text and an HTML alternative.</summary>
internal sealed class SmtpMailer(IOptions<NotificationOptions> options)
{
    /// <param name="unsubscribeUrl">For promotions: announced in List-Unsubscribe with one-click POST (RFC 8058), as large mailbox providers require of bulk senders.</param>
    public async Task<string> SendAsync(string to, string subject, string text, string? html, string? unsubscribeUrl, CancellationToken ct)
    {
        var o = options.Value.Email;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(o.From.Split('@').Last());
        if (unsubscribeUrl is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        message.Body = body.ToMessageBody();

        using var client = new SmtpClient { Timeout = o.TimeoutMs };
        await client.ConnectAsync(o.Host, o.Port, Enum.Parse<SecureSocketOptions>(o.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(o.Username)) await client.AuthenticateAsync(o.Username, o.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        return message.MessageId;
    }
}
