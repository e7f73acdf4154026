using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.RefreshSession;

namespace AddisPay.Users.ForgotPassword;

public sealed record ForgotPasswordRequest([property: Required, EmailAddress] string Email);

internal sealed record ForgotPasswordCommand(string Email) : ICommand<Unit>;

/// <summary>
/// Emails a reset link. Limited per address, known or not (three an hour by default): the answers, 202 or 429, never
/// tell whether the address has an account.
/// </summary>
internal sealed class ForgotPasswordHandler(UsersDbContext db, OneTimeTokens tokens, AddressThrottles throttles, ModuleWork<UsersDbContext> work)
    : ICommandHandler<ForgotPasswordCommand, Unit>
{
    public async ValueTask<Unit> Handle(ForgotPasswordCommand command, CancellationToken ct)
    {
        var normalized = Account.Normalize(command.Email);
        if (await throttles.EmailRequestedAsync(AddressThrottles.PasswordReset, normalized, ct) is { } wait)
            throw new TooManyRequestsException("Too many reset emails were asked for this address; try again after the time in Retry-After.", wait);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized && a.DeletedAt == null, ct);
        if (account is null) return Unit.Value;
        var (token, expires) = tokens.Create(account.Id, OneTimeToken.ResetPassword);
        work.Raise(new PasswordResetRequested(account.Id, account.Email, account.FullName, account.PreferredLanguage, token, expires));
        return Unit.Value;
    }
}

internal static class ForgotPasswordEndpoint
{
    public static void MapForgotPassword(this IEndpointRouteBuilder api) =>
        api.MapPost("/password/forgot", async (ForgotPasswordRequest request, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ForgotPasswordCommand(request.Email), ct);
                return Results.Accepted();
            })
            .Validate<ForgotPasswordRequest>().AllowAnonymous().RequireRateLimiting(RateLimits.AccountEmail).WithName("ForgotPassword")
            .WithSummary("Emails a password reset link if the account exists; the same answer either way.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
