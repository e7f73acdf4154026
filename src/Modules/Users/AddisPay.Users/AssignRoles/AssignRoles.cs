using System.ComponentModel.DataAnnotations;

namespace AddisPay.Users.AssignRoles;

public sealed record AssignRolesRequest([property: Required, MinLength(1)] string[] Roles);

internal sealed record AssignRolesCommand(Guid AccountId, string[] Roles) : ICommand<UserSummary>;


/// <summary>New roles take effect at the next sign-in: the account's sessions end, so no token keeps the old roles.</summary>
internal sealed class AssignRolesHandler(UsersDbContext db, SessionFamilies families, ModuleWork<UsersDbContext> work, TimeProvider clock) : ICommandHandler<AssignRolesCommand, UserSummary>
{
    public async ValueTask<UserSummary> Handle(AssignRolesCommand command, CancellationToken ct)
    {
        var unknown = command.Roles.Except(Roles.All).ToArray();
        if (unknown.Length > 0) throw new ValidationFailedException("roles", $"Unknown role(s): {string.Join(", ", unknown)}. Use {string.Join(", ", Roles.All)}.");
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == command.AccountId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException($"User {command.AccountId} not found.");
        var roles = command.Roles.Distinct().Order().ToList();
        var now = clock.GetUtcNow();
        if (!roles.SequenceEqual(account.Roles.Order()))
        {
            account.Roles = roles;
            account.UpdatedAt = now;
            await work.BeginAsync(ct);
            await db.SaveChangesAsync(ct);
            await families.RevokeAllAsync(account.Id, "roles_changed", ct);
        }
        return Summaries.Of(account, now);
    }
}

internal static class AssignRolesEndpoints
{
    public static void MapAssignRoles(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/").RequireAuthorization(Policies.Admin);
        admin.MapPut("/{userId:guid}/roles", async (Guid userId, AssignRolesRequest request, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new AssignRolesCommand(userId, request.Roles), ct)))
            .Validate<AssignRolesRequest>().WithName("AssignRoles").WithSummary("Sets an account's roles: customer, admin, support (admin). The account's sessions end, so the next sign-in carries them.")
            .Produces<UserSummary>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
