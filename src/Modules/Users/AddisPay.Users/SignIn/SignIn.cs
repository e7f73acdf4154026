using System.ComponentModel.DataAnnotations;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;

namespace AddisPay.Users.SignIn;

public sealed record SignInRequest([property: Required] string Email, [property: Required] string Password, Guid? CartId = null);

internal sealed record SignInCommand(SignInRequest Request) : ICommand<TokenPair>;

public sealed class InvalidCredentialsException() : UnauthenticatedException("The email or password is wrong.");

/// <summary>
/// Too many failed sign-ins for the address: the same words whether or not it has an account, and when the wait ends
/// only in Retry-After, so two answers for two addresses differ in nothing else.
/// </summary>
internal static class SignInsThrottled
{
    public const string Message = "Too many failed sign-ins for this address. Try again after the time in Retry-After, or reset your password.";
}

public sealed class AccountLockedException(string message) : LockedException(message);

/// <summary>
/// Known and unknown addresses are answered alike, in the same time: an unknown one is checked against a decoy hash,
/// and failures are counted per address in either case (<see cref="AddressThrottles"/>). Too many failures in a row make
/// the address wait a short, growing time (429 with Retry-After) rather than locking the account; an admin lock is
/// told (423) only to someone who knows the password. A successful sign-in writes no account row, so concurrent
/// sign-ins of one account never conflict.
/// </summary>
internal sealed class SignInHandler(UsersDbContext db, Credentials passwords, AddressThrottles throttles, SessionIssuer sessions, ModuleWork<UsersDbContext> work, TimeProvider clock)
    : ICommandHandler<SignInCommand, TokenPair>
{
    public async ValueTask<TokenPair> Handle(SignInCommand command, CancellationToken ct)
    {
        var r = command.Request;
        var normalized = Account.Normalize(r.Email);
        if (await throttles.SignInBlockedUntilAsync(normalized, ct) is { } waiting) throw Throttled(waiting);

        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized && a.DeletedAt == null, ct);
        var (matches, rehashed) = await passwords.VerifyAsync(account, r.Password, ct);
        if (!matches)
        {
            // Attempts that overlapped this one may have started a wait: answered as during the wait, so that the
            // answer never tells a right password from a wrong one while the address is held.
            if (await throttles.SignInFailedAsync(normalized, ct) is { } heldBefore) throw Throttled(heldBefore);
            throw new InvalidCredentialsException();
        }
        if (await throttles.SignInSucceededAsync(normalized, ct) is { } held) throw Throttled(held);
        if (account!.LockedByAdmin) throw new AccountLockedException("This account is locked. Contact support.");

        if (rehashed is not null)
        {
            var stored = account.PasswordHash;
            // Only if nothing changed it meanwhile; concurrent sign-ins may each try, and one upgrade is enough.
            await db.Accounts.Where(a => a.Id == account.Id && a.PasswordHash == stored)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, rehashed), ct);
        }
        var pair = sessions.Issue(account, familyId: Guid.CreateVersion7());
        work.Raise(new UserSignedIn(account.Id, r.CartId));
        return pair;
    }

    private TooManyRequestsException Throttled(DateTimeOffset until) => new(SignInsThrottled.Message, until - clock.GetUtcNow());
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
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
