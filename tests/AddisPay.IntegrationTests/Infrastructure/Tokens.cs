using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>Mints the platform's access tokens for tests, as the Users module will.</summary>
public static class Tokens
{
    public const string KeyId = "test-key";
    public static readonly string Key = Convert.ToBase64String("integration-tests-signing-key-0123456789abcdef"u8.ToArray());

    public static string Admin() => For("admin-1", "admin");
    public static string Customer(string id = "customer-1") => For(id, "customer");

    public static string For(string subject, string role, string? key = null, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "addispay",
            Audience = "addispay",
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role)]),
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(key ?? Key)) { KeyId = KeyId }, SecurityAlgorithms.HmacSha256)
        });
    }
}
