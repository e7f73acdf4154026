using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.RefreshSession;

namespace AddisPay.Users.ResetPassword;

public sealed record ResetPasswordRequest([property: Required] string Token, [property: Required] string NewPassword);

internal sealed record ResetPasswordCommand(string Token, string NewPassword) : ICommand<Unit>;

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

internal static class ResetPasswordEndpoint
{
    public static void MapResetPassword(this IEndpointRouteBuilder api) =>
        api.MapPost("/password/reset", async (ResetPasswordRequest request, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ResetPasswordCommand(request.Token, request.NewPassword), ct);
                return Results.NoContent();
            })
            .Validate<ResetPasswordRequest>().AllowAnonymous().WithName("ResetPassword")
            .WithSummary("Sets a new password with the token from the reset link; ends all sessions.")
            .Produces(StatusCodes.Status204NoContent);
}
