namespace AddisPay.Users.SetUserLock;

internal sealed record SetLockCommand(Guid AccountId, bool Locked) : ICommand<UserSummary>;

/// <summary>
/// An admin lock holds until an admin lifts it, and ends the user's sessions at once (every pod refuses their access
/// tokens about a second later). Unlocking also forgets the address's failed sign-ins.
/// </summary>
internal sealed class SetLockHandler(UsersDbContext db, SessionFamilies families, AddressThrottles throttles, ModuleWork<UsersDbContext> work, TimeProvider clock)
    : ICommandHandler<SetLockCommand, UserSummary>
{
    public async ValueTask<UserSummary> Handle(SetLockCommand command, CancellationToken ct)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == command.AccountId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException($"User {command.AccountId} not found.");
        var now = clock.GetUtcNow();
        account.LockedByAdmin = command.Locked;
        account.UpdatedAt = now;
        await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        if (command.Locked) await families.RevokeAllAsync(account.Id, "locked_by_admin", ct);
        else await throttles.ForgetSignInFailuresAsync(account.NormalizedEmail, ct);
        return Summaries.Of(account, now);
    }
}

internal static class SetUserLockEndpoints
{
    public static void MapSetUserLock(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/").RequireAuthorization(Policies.Admin);
        admin.MapPost("/{userId:guid}/lock", async (Guid userId, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new SetLockCommand(userId, true), ct)))
            .WithName("LockUser").WithSummary("Locks an account and ends its sessions (admin).");

        admin.MapPost("/{userId:guid}/unlock", async (Guid userId, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new SetLockCommand(userId, false), ct)))
            .WithName("UnlockUser").WithSummary("Lifts an admin lock and forgets the address's failed sign-ins (admin).");
    }
}
