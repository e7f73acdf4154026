using AddisPay.Users.Data;
using AddisPay.Users.Domain;
using AddisPay.Users.RefreshSession;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Users;

/// <summary><see cref="SessionSql"/> against the mapping of <see cref="UsersDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class SessionSqlTests(SqlFamilies platform)
{
    private static readonly DateTimeOffset At = SqlFamilies.Now;

    [Fact]
    public async Task Ending_all_sessions_but_one_revokes_the_tokens_saved_through_the_context_and_names_their_families()
    {
        var account = Guid.NewGuid();
        var (ended, kept) = (Guid.NewGuid(), Guid.NewGuid());
        await platform.SaveAsync<UsersDbContext>(Token(account, ended), Token(account, ended), Token(account, kept));

        var families = await platform.WithContextAsync<UsersDbContext, List<Guid>>(db =>
            SessionSql.EndAsync(db, account, "password_changed", At.AddMinutes(1), all: true, only: [], except: [kept], CancellationToken.None));

        Assert.Equal([ended, ended], families);
        var tokens = await platform.WithContextAsync<UsersDbContext, List<RefreshToken>>(db => db.RefreshTokens.AsNoTracking().Where(t => t.AccountId == account).ToListAsync());
        Assert.All(tokens.Where(t => t.FamilyId == ended), t => Assert.Equal((At.AddMinutes(1), "password_changed"), (t.RevokedAt, t.RevokedReason)));
        Assert.Null(Assert.Single(tokens, t => t.FamilyId == kept).RevokedAt);
    }

    private static RefreshToken Token(Guid account, Guid family) => new()
    {
        Id = Guid.NewGuid(), AccountId = account, FamilyId = family, TokenHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        CreatedAt = At, ExpiresAt = At.AddDays(30)
    };
}
