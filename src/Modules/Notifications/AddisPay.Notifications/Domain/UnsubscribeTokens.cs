using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AddisPay.Notifications.Domain;

/// <summary>
/// The token in an unsubscribe link: the user id, the campaign the email came from, and an HMAC-SHA256 of both under
/// AddisPay:Notifications:UnsubscribeKey, so the link works without signing in and cannot be forged for another user.
/// The campaign rides along so its results can count the customers it made leave; links sent before it was added (the
/// user id alone) keep working.
/// </summary>
internal sealed class UnsubscribeTokens(IOptions<NotificationsOptions> options)
{
    private const int MacBytes = 16;
    private byte[] Key => Encoding.UTF8.GetBytes(options.Value.UnsubscribeKey);

    public string Create(Guid userId, Guid? campaignId = null)
    {
        byte[] named = campaignId is { } campaign ? [.. userId.ToByteArray(), .. campaign.ToByteArray()] : userId.ToByteArray();
        return WebEncoders.Base64UrlEncode([.. named, .. Mac(named)]);
    }

    public string Link(Guid userId, Guid? campaignId = null) =>
        $"{options.Value.PublicUrl.TrimEnd('/')}/api/notifications/unsubscribe?token={Create(userId, campaignId)}";

    public bool TryRead(string? token, out Guid userId) => TryRead(token, out userId, out _);

    public bool TryRead(string? token, out Guid userId, out Guid? campaignId)
    {
        userId = Guid.Empty;
        campaignId = null;
        if (string.IsNullOrEmpty(token) || token.Length > 64) return false;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(token); }
        catch (FormatException) { return false; }
        if (bytes.Length != 16 + MacBytes && bytes.Length != 32 + MacBytes) return false;
        var named = bytes[..^MacBytes];
        if (!CryptographicOperations.FixedTimeEquals(Mac(named), bytes[^MacBytes..])) return false;
        userId = new Guid(named[..16]);
        if (named.Length == 32) campaignId = new Guid(named[16..]);
        return true;
    }

    private byte[] Mac(byte[] named) => HMACSHA256.HashData(Key, (byte[])[.. "addispay:unsubscribe:promotions:"u8, .. named])[..MacBytes];
}
