using System.Security.Cryptography;
using System.Text;
using AddisPay.Notifications.Delivery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AddisPay.Notifications.Promotions;

/// <summary>
/// The token in an unsubscribe link: the user id and an HMAC-SHA256 of it under AddisPay:Notifications:UnsubscribeKey,
/// so the link works without signing in and cannot be forged for another user.
/// </summary>
internal sealed class UnsubscribeTokens(IOptions<NotificationOptions> options)
{
    private const int MacBytes = 16;
    private byte[] Key => Encoding.UTF8.GetBytes(options.Value.UnsubscribeKey);

    public string Create(Guid userId)
    {
        var id = userId.ToByteArray();
        return WebEncoders.Base64UrlEncode([.. id, .. Mac(id)]);
    }

    public string Link(Guid userId) =>
        $"{options.Value.PublicUrl.TrimEnd('/')}/api/notifications/unsubscribe?token={Create(userId)}";

    public bool TryRead(string? token, out Guid userId)
    {
        userId = Guid.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 64) return false;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(token); }
        catch (FormatException) { return false; }
        if (bytes.Length != 16 + MacBytes) return false;
        if (!CryptographicOperations.FixedTimeEquals(Mac(bytes[..16]), bytes[16..])) return false;
        userId = new Guid(bytes[..16]);
        return true;
    }

    private byte[] Mac(byte[] id) => HMACSHA256.HashData(Key, (byte[])[.. "addispay:unsubscribe:promotions:"u8, .. id])[..MacBytes];
}
