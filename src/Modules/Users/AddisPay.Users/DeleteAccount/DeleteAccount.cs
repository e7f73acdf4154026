using System.Security.Claims;
using AddisPay.Notifications.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Recommendations.Contracts;
using AddisPay.Reviews.Contracts;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.RefreshSession;

namespace AddisPay.Users.DeleteAccount;

internal sealed record DeleteAccountCommand(Guid AccountId) : ICommand<Unit>;

/// <summary>
/// Erases the account's personal data (the row stays, anonymised, so orders keep a reference), ends every
/// session, and tells the other modules to erase theirs through UserDeleted.
/// </summary>
internal sealed class DeleteAccountHandler(UsersDbContext db, SessionFamilies families, ModuleWork<UsersDbContext> work, TimeProvider clock) : ICommandHandler<DeleteAccountCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteAccountCommand command, CancellationToken ct)
    {
        var account = await db.Accounts.Include(a => a.Addresses).FirstOrDefaultAsync(a => a.Id == command.AccountId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Account not found.");
        await work.BeginAsync(ct);
        account.Anonymise(clock.GetUtcNow());
        await db.OneTimeTokens.Where(t => t.AccountId == account.Id).ExecuteDeleteAsync(ct);
        await families.RevokeAllAsync(account.Id, "account_deleted", ct);
        work.Raise(new UserDeleted(account.Id));
        return Unit.Value;
    }
}

internal static class DeleteAccountEndpoint
{
    public static void MapDeleteAccount(this IEndpointRouteBuilder api) =>
        api.MapDelete("/me", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteAccountCommand(user.UserId()!.Value), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Customer).WithName("DeleteAccount")
            .WithSummary("Deletes the account: personal data is erased across modules; orders keep what accounting requires.");
}
