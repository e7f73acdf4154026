using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.RefreshSession;

namespace AddisPay.Users.Passwords;

public sealed record ForgotPasswordRequest([property: Required, EmailAddress] string Email);
public sealed record ResetPasswordRequest([property: Required] string Token, [property: Required] string NewPassword);
public sealed record ChangePasswordRequest([property: Required] string CurrentPassword, [property: Required] string NewPassword);

internal sealed record ForgotPasswordCommand(string Email) : ICommand<Unit>;
internal sealed record ResetPasswordCommand(string Token, string NewPassword) : ICommand<Unit>;
internal sealed record ChangePasswordCommand(Guid AccountId, Guid? SessionId, string CurrentPassword, string NewPassword) : ICommand<Unit>;

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

/// <summary>Sets a new password from a reset link, forgets the address's failed sign-ins, and ends every session.</summary>
internal sealed class ResetPasswordHandler(UsersDbContext db, OneTimeTokens tokens, Domain.Credentials passwords, AddressThrottles throttles,
    SessionFamilies families, ModuleWork<UsersDbContext> work, TimeProvider clock)
    : ICommandHandler<ResetPasswordCommand, Unit>
{
    public async ValueTask<Unit> Handle(ResetPasswordCommand command, CancellationToken ct)
    {
        await work.BeginAsync(ct);
        var accountId = await tokens.RedeemAsync(command.Token, OneTimeToken.ResetPassword, ct);
        var account = await db.Accounts.FirstAsync(a => a.Id == accountId, ct);
        Domain.Credentials.EnsureAcceptable("newPassword", command.NewPassword, account.Email);
        account.PasswordHash = await passwords.HashAsync(account, command.NewPassword, ct);
        account.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await throttles.ForgetSignInFailuresAsync(account.NormalizedEmail, ct); // a proven owner need not wait
        await families.RevokeAllAsync(account.Id, "password_reset", ct);
        return Unit.Value;
    }
}

/// <summary>Changes the password of the signed-in user and ends their other sessions (this one stays).</summary>
internal sealed class ChangePasswordHandler(UsersDbContext db, Domain.Credentials passwords, SessionFamilies families, ModuleWork<UsersDbContext> work, TimeProvider clock)
    : ICommandHandler<ChangePasswordCommand, Unit>
{
    public async ValueTask<Unit> Handle(ChangePasswordCommand command, CancellationToken ct)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == command.AccountId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Account not found.");
        if (!(await passwords.VerifyAsync(account, command.CurrentPassword, ct)).Matches)
            throw new ValidationFailedException("currentPassword", "The current password is wrong.");
        Domain.Credentials.EnsureAcceptable("newPassword", command.NewPassword, account.Email);
        await work.BeginAsync(ct);
        account.PasswordHash = await passwords.HashAsync(account, command.NewPassword, ct);
        account.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await families.RevokeAllAsync(account.Id, "password_changed", ct, except: command.SessionId);
        return Unit.Value;
    }
}

internal static class PasswordEndpoints
{
    public static void MapPasswords(this IEndpointRouteBuilder api)
    {
        api.MapPost("/password/forgot", async (ForgotPasswordRequest request, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ForgotPasswordCommand(request.Email), ct);
                return Results.Accepted();
            })
            .Validate<ForgotPasswordRequest>().AllowAnonymous().RequireRateLimiting(RateLimits.AccountEmail).WithName("ForgotPassword")
            .WithSummary("Emails a password reset link if the account exists; the same answer either way.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/password/reset", async (ResetPasswordRequest request, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ResetPasswordCommand(request.Token, request.NewPassword), ct);
                return Results.NoContent();
            })
            .Validate<ResetPasswordRequest>().AllowAnonymous().WithName("ResetPassword")
            .WithSummary("Sets a new password with the token from the reset link; ends all sessions.")
            .Produces(StatusCodes.Status204NoContent);

        api.MapPost("/me/password", async (ChangePasswordRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ChangePasswordCommand(user.UserId()!.Value, user.SessionId(), request.CurrentPassword, request.NewPassword), ct);
                return Results.NoContent();
            })
            .Validate<ChangePasswordRequest>().RequireAuthorization(Policies.Customer).WithName("ChangePassword")
            .WithSummary("Changes the password; other sessions are signed out.")
            .Produces(StatusCodes.Status204NoContent);
    }
}
