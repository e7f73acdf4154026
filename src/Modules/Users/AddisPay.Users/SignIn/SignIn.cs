using System.ComponentModel.DataAnnotations;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using AddisPay.Users.Accounts;
using AddisPay.Users.Contracts;
using AddisPay.Users.Data;
using AddisPay.Users.Sessions;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Users.SignIn;

public sealed record SignInRequest([property: Required] string Email, [property: Required] string Password, Guid? CartId = null);

internal sealed record SignInCommand(SignInRequest Request) : ICommand<TokenPair>;

public sealed class InvalidCredentialsException() : BusinessRuleException("The email or password is wrong.")
{
    public override int StatusCode => 401;
}

public sealed class AccountLockedException(string message) : BusinessRuleException(message)
{
    public override int StatusCode => 423;
}

internal sealed class SignInHandler(UsersDbContext db, Credentials passwords, SessionIssuer sessions, EventLog events, TimeProvider clock)
    : ICommandHandler<SignInCommand, TokenPair>
{
    public async ValueTask<TokenPair> Handle(SignInCommand command, CancellationToken ct)
    {
        var r = command.Request;
        var now = clock.GetUtcNow();
        var normalized = Account.Normalize(r.Email);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.NormalizedEmail == normalized && a.DeletedAt == null, ct);
        if (account is null) throw new InvalidCredentialsException();
        if (account.IsLocked(now))
            throw new AccountLockedException(account.LockedByAdmin
                ? "This account is locked. Contact support."
                : $"Too many failed sign-ins. Try again after {account.LockedUntil:HH:mm} UTC or reset your password.");

        if (!passwords.Verify(account, r.Password, out var rehashed))
        {
            account.RecordFailedSignIn(now);
            await db.SaveChangesAsync(ct);
            throw new InvalidCredentialsException();
        }
        if (rehashed is not null) account.PasswordHash = rehashed;
        account.RecordSignIn(now);
        var pair = sessions.Issue(account, familyId: Guid.CreateVersion7());
        await events.SaveChangesAndPublishAsync(db, [new UserSignedIn(account.Id, r.CartId)], ct);
        return pair;
    }
}

internal static class SignInEndpoint
{
    public static void MapSignIn(this IEndpointRouteBuilder api) =>
        api.MapPost("/sign-in", async (SignInRequest request, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new SignInCommand(request), ct)))
            .Validate<SignInRequest>()
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn)
            .WithName("SignIn")
            .WithSummary("Exchanges email and password for an access token and a refresh token; merges the visitor's cart.")
            .Produces<TokenPair>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status423Locked);
}
