using System.ComponentModel.DataAnnotations;
using AddisPay.Users.Contracts;
using AddisPay.Users.SignIn;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AddisPay.Users.RefreshSession;

public sealed record RefreshRequest([property: Required] string RefreshToken);

internal sealed record RefreshCommand(string RefreshToken) : ICommand<TokenPair>;

/// <summary>
/// Rotates the refresh token: the presented one is spent and a new one issued, in one transaction. A spent token
/// presented again was stolen or replayed, so the whole session is revoked and the caller must sign in again, with one
/// exception: two requests of one client refreshing at the same moment (two tabs). The loser finds the token spent
/// seconds ago and its successor not yet used; it gets 409 and the session lives on with the winner's tokens.
/// </summary>
internal sealed class RefreshHandler(UsersDbContext db, SessionIssuer sessions, SessionFamilies families, ModuleWork<UsersDbContext> work, TimeProvider clock)
    : ICommandHandler<RefreshCommand, TokenPair>
{
    public static readonly TimeSpan ConcurrentUseGrace = TimeSpan.FromSeconds(10);

    public async ValueTask<TokenPair> Handle(RefreshCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = Secrets.Hash(command.RefreshToken);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now) throw new SessionEndedException();

        await work.BeginAsync(ct);
        // Spend it atomically: of concurrent uses one wins; the others wait on the row until it commits, then match nothing.
        var spent = await db.RefreshTokens.Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (spent == 1)
        {
            var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == token.AccountId && a.DeletedAt == null, ct);
            if (account is { LockedByAdmin: false }) return sessions.Issue(account, token.FamilyId);
            await families.RevokeAsync(token.AccountId, token.FamilyId, "account_unavailable", ct);
            // The refusal keeps the revocation: committed before the answer, which would otherwise roll it back.
            await work.CompleteAsync(ct);
            throw new SessionEndedException();
        }

        if (await IsConcurrentUseAsync(token, now, ct))
            throw new ConflictException("Another request of this session refreshed it at the same moment; use the tokens that request received.");
        await families.RevokeAsync(token.AccountId, token.FamilyId, "reuse_detected", ct);
        await work.CompleteAsync(ct);
        throw new SessionEndedException();
    }

    /// <summary>Spent moments ago by a request that won the race, and nothing of the session used since: not a replay.</summary>
    private async Task<bool> IsConcurrentUseAsync(RefreshToken token, DateTimeOffset now, CancellationToken ct)
    {
        var current = await db.RefreshTokens.AsNoTracking().FirstAsync(t => t.Id == token.Id, ct);
        if (current.RevokedAt is not null || current.UsedAt is not { } usedAt || usedAt < now - ConcurrentUseGrace) return false;
        return !await db.RefreshTokens.AnyAsync(t => t.AccountId == token.AccountId && t.FamilyId == token.FamilyId
            && t.CreatedAt > token.CreatedAt && (t.UsedAt != null || t.RevokedAt != null), ct);
    }
}

public sealed class SessionEndedException() : UnauthenticatedException("The session has ended; sign in again.");

internal static class RefreshSessionEndpoint
{
    public static void MapRefreshSession(this IEndpointRouteBuilder api) =>
        api.MapPost("/token/refresh", async (RefreshRequest request, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new RefreshCommand(request.RefreshToken), ct)))
            .Validate<RefreshRequest>()
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn)
            .WithName("RefreshToken")
            .WithSummary("Trades a refresh token for a new access token and a new refresh token (the old one is spent).")
            .Produces<TokenPair>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
