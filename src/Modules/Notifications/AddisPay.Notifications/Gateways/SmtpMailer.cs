using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AddisPay.Notifications.Gateways;

/// <summary>
/// Sends email over SMTP (MailKit) with a plain-text and an HTML alternative. One instance serves one delivery round
/// (it is scoped): the connection to the relay opens at the first email and carries the rest of the round, then closes
/// with QUIT when the round's scope ends. A connection per email cost a TCP handshake, greeting, EHLO and QUIT each,
/// and relays limit how fast a sender may open connections.
/// </summary>
internal sealed class SmtpMailer(IOptions<NotificationsOptions> options) : IAsyncDisposable
{
    private SmtpClient? _client;

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

        try
        {
            var client = await ConnectedAsync(ct);
            await client.SendAsync(message, ct);
        }
        catch
        {
            // A failed send can leave the SMTP conversation in any state: the next email starts on a fresh connection.
            Drop();
            throw;
        }
        return message.MessageId;
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true }) return _client;
        Drop(); // the relay hung up on an idle connection
        var o = options.Value.Email;
        var client = new SmtpClient { Timeout = o.TimeoutMs };
        try
        {
            await client.ConnectAsync(o.Host, o.Port, Enum.Parse<SecureSocketOptions>(o.Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(o.Username)) await client.AuthenticateAsync(o.Username, o.Password ?? "", ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return _client = client;
    }

    private void Drop()
    {
        _client?.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is null) return;
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.Email.TimeoutMs);
            if (_client.IsConnected) await _client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException)
        {
            // Every email of the round was sent and recorded; a relay that hangs up before QUIT changes nothing.
        }
        finally
        {
            Drop();
        }
    }
}
