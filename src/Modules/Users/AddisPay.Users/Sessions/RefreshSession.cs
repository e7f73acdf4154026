using System.ComponentModel.DataAnnotations;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using AddisPay.Users.Data;
using AddisPay.Users.SignIn;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Users.Sessions;

public sealed record RefreshRequest([property: Required] string RefreshToken);

internal sealed record RefreshCommand(string RefreshToken) : ICommand<TokenPair>;

internal sealed record SignOutCommand(string RefreshToken) : ICommand<Unit>;

internal sealed class SessionFamilies(UsersDbContext db, TimeProvider clock)
{
    public Task<int> RevokeAsync(Guid accountId, Guid familyId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.AccountId == accountId && t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedReason, reason), ct);
    }

    public Task<int> RevokeAllAsync(Guid accountId, string reason, CancellationToken ct, Guid? except = null)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.AccountId == accountId && t.RevokedAt == null && (except == null || t.FamilyId != except))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedReason, reason), ct);
    }
}

/// <summary>
/// Rotates the refresh token: the presented one is spent and a new one issued. A spent token presented
/// again was stolen or replayed, so the whole session is revoked and the caller must sign in again.
/// </summary>
internal sealed class RefreshHandler(UsersDbContext db, SessionIssuer sessions, SessionFamilies families, TimeProvider clock)
    : ICommandHandler<RefreshCommand, TokenPair>
{
    public async ValueTask<TokenPair> Handle(RefreshCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = Secrets.Hash(command.RefreshToken);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now) throw new SessionEndedException();

        // Spend it atomically: of two concurrent uses, only one wins; the other is treated as reuse.
        var spent = await db.RefreshTokens.Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (spent == 0)
        {
            await families.RevokeAsync(token.AccountId, token.FamilyId, "reuse_detected", ct);
            throw new SessionEndedException();
        }

        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == token.AccountId && a.DeletedAt == null, ct);
        if (account is null || account.IsLocked(now))
        {
            await families.RevokeAsync(token.AccountId, token.FamilyId, "account_unavailable", ct);
            throw new SessionEndedException();
        }
        var pair = sessions.Issue(account, token.FamilyId);
        await db.SaveChangesAsync(ct);
        return pair;
    }
}

internal sealed class SignOutHandler(UsersDbContext db, SessionFamilies families) : ICommandHandler<SignOutCommand, Unit>
{
    public async ValueTask<Unit> Handle(SignOutCommand command, CancellationToken ct)
    {
        var hash = Secrets.Hash(command.RefreshToken);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is not null) await families.RevokeAsync(token.AccountId, token.FamilyId, "signed_out", ct);
        return Unit.Value;
    }
}

public sealed class SessionEndedException() : BusinessRuleException("The session has ended; sign in again.")
{
    public override int StatusCode => 401;
}

internal static class SessionEndpoints
{
    public static void MapSessions(this IEndpointRouteBuilder api)
    {
        api.MapPost("/token/refresh", async (RefreshRequest request, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new RefreshCommand(request.RefreshToken), ct)))
            .Validate<RefreshRequest>()
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn)
            .WithName("RefreshToken")
            .WithSummary("Trades a refresh token for a new access token and a new refresh token (the old one is spent).")
            .Produces<TokenPair>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/sign-out", async (RefreshRequest request, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SignOutCommand(request.RefreshToken), ct);
                return Results.NoContent();
            })
            .Validate<RefreshRequest>()
            .AllowAnonymous() // the refresh token itself is the credential
            .WithName("SignOut")
            .WithSummary("Ends the session the refresh token belongs to.");
    }
}
