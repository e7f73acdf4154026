using System.ComponentModel.DataAnnotations;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.RefreshSession;
using Microsoft.Extensions.Configuration;

namespace AddisPay.Users.ResendVerification;

public sealed record ResendVerificationRequest([property: Required, EmailAddress] string Email);

internal sealed record ResendVerificationCommand(string Email) : ICommand<Unit>;

/// <summary>
/// Sends a fresh link. Limited per address, known or not (three an hour by default), and silent when the address has no
/// unverified account, so it can't be used to probe for accounts.
/// </summary>
internal sealed class ResendVerificationHandler(UsersDbContext db, OneTimeTokens tokens, AddressThrottles throttles, ModuleWork<UsersDbContext> work)
    : ICommandHandler<ResendVerificationCommand, Unit>
{
    public async ValueTask<Unit> Handle(ResendVerificationCommand command, CancellationToken ct)
    {
        var normalized = Account.Normalize(command.Email);
        if (await throttles.EmailRequestedAsync(AddressThrottles.Verification, normalized, ct) is { } wait)
            throw new TooManyRequestsException("Too many verification emails were asked for this address; try again after the time in Retry-After.", wait);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized && a.DeletedAt == null, ct);
        if (account is null || account.EmailVerifiedAt is not null) return Unit.Value;
        var (token, expires) = tokens.Create(account.Id, OneTimeToken.VerifyEmail);
        work.Raise(new EmailVerificationRequested(account.Id, account.Email, account.FullName, account.PreferredLanguage, token, expires));
        return Unit.Value;
    }
}

internal static class ResendVerificationEndpoint
{
    public static void MapResendVerification(this IEndpointRouteBuilder api) =>
        api.MapPost("/verify-email/resend", async (ResendVerificationRequest request, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ResendVerificationCommand(request.Email), ct);
                return Results.Accepted();
            })
            .Validate<ResendVerificationRequest>()
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.AccountEmail)
            .WithName("ResendVerification")
            .WithSummary("Sends a new verification link (at most three an hour per address).")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
