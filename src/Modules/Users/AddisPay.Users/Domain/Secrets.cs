using System.Security.Cryptography;
using System.Text;

namespace AddisPay.Users.Domain;

internal static class Secrets
{
    /// <summary>256 random bits, URL-safe.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Tokens are high-entropy, so a plain SHA-256 is enough to make a stolen table useless.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
