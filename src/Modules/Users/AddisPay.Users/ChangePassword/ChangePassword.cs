using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.RefreshSession;

namespace AddisPay.Users.ChangePassword;

public sealed record ChangePasswordRequest([property: Required] string CurrentPassword, [property: Required] string NewPassword);

internal sealed record ChangePasswordCommand(Guid AccountId, Guid? SessionId, string CurrentPassword, string NewPassword) : ICommand<Unit>;

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

internal static class ChangePasswordEndpoint
{
    public static void MapChangePassword(this IEndpointRouteBuilder api) =>
        api.MapPost("/me/password", async (ChangePasswordRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ChangePasswordCommand(user.UserId()!.Value, user.SessionId(), request.CurrentPassword, request.NewPassword), ct);
                return Results.NoContent();
            })
            .Validate<ChangePasswordRequest>().RequireAuthorization(Policies.Customer).WithName("ChangePassword")
            .WithSummary("Changes the password; other sessions are signed out.")
            .Produces(StatusCodes.Status204NoContent);
}
