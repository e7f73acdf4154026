using System.Security.Claims;
using AddisPay.Users.SweepThrottles;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AddisPay.Users.Domain;

public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);

/// <summary>Issues a short-lived access token (JWT, signed with the active key) and the next refresh token of a session.</summary>
internal sealed class SessionIssuer(UsersDbContext db, IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Adds the refresh token to the context; the caller saves.</summary>
    public TokenPair Issue(Account account, Guid familyId)
    {
        var auth = options.Value;
        var now = clock.GetUtcNow();
        var refresh = Secrets.NewToken();
        var refreshExpires = now + auth.RefreshTokenLifetime;
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(), AccountId = account.Id, FamilyId = familyId, TokenHash = Secrets.Hash(refresh),
            CreatedAt = now, ExpiresAt = refreshExpires
        });

        var claims = new List<Claim>
        {
            new("sub", account.Id.ToString()),
            new("sid", familyId.ToString()),
            new("email", account.Email),
            new("email_verified", account.EmailVerifiedAt is null ? "false" : "true"),
            new("jti", Guid.NewGuid().ToString("N"))
        };
        claims.AddRange(account.Roles.Select(r => new Claim("role", r)));
        var access = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + auth.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(auth.ActiveKey(), SecurityAlgorithms.HmacSha256)
        });
        return new TokenPair(access, "Bearer", (int)auth.AccessTokenLifetime.TotalSeconds, refresh, refreshExpires);
    }
}
