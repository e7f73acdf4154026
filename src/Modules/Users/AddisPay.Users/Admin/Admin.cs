using AddisPay.Shared.Events;
using System.ComponentModel.DataAnnotations;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Domain;
using AddisPay.Users.Data;
using AddisPay.Users.RefreshSession;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Users.Admin;

public sealed record UserSummary(Guid Id, string Email, string FullName, bool EmailVerified, IReadOnlyList<string> Roles, bool Locked, DateTimeOffset CreatedAt);
public sealed record UserPage(IReadOnlyList<UserSummary> Items, int Page, int PageSize, int Total);
public sealed record AssignRolesRequest([property: Required, MinLength(1)] string[] Roles);

internal sealed record ListUsersQuery(string? Search, int Page, int PageSize) : IQuery<UserPage>;
internal sealed record SetLockCommand(Guid AccountId, bool Locked) : ICommand<UserSummary>;
internal sealed record AssignRolesCommand(Guid AccountId, string[] Roles) : ICommand<UserSummary>;

internal static class Summaries
{
    public static UserSummary Of(Account a, DateTimeOffset now) =>
        new(a.Id, a.Email, a.FullName, a.EmailVerifiedAt is not null, a.Roles, a.LockedByAdmin, a.CreatedAt);
}

internal sealed class ListUsersHandler(UsersDbContext db, TimeProvider clock) : IQueryHandler<ListUsersQuery, UserPage>
{
    public async ValueTask<UserPage> Handle(ListUsersQuery q, CancellationToken ct)
    {
        var query = db.Accounts.AsNoTracking().Where(a => a.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var term = $"%{q.Search.Trim().ToLowerInvariant()}%";
            query = query.Where(a => EF.Functions.Like(a.NormalizedEmail, term) || EF.Functions.ILike(a.FullName, term));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return new UserPage(items.Select(a => Summaries.Of(a, now)).ToList(), q.Page, q.PageSize, total);
    }
}

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

internal static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", async (ISender sender, CancellationToken ct, string? search = null, int page = 1, int pageSize = 20) =>
            {
                if (Paging.Errors(page, pageSize) is { Count: > 0 } errors) return Results.ValidationProblem(errors);
                return Results.Ok(await sender.Send(new ListUsersQuery(search, page, pageSize), ct));
            })
            .WithName("ListUsers").WithSummary("Lists accounts, newest first, optionally filtered by email or name (admin).")
            .Produces<UserPage>();

        admin.MapPost("/{userId:guid}/lock", async (Guid userId, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new SetLockCommand(userId, true), ct)))
            .WithName("LockUser").WithSummary("Locks an account and ends its sessions (admin).");

        admin.MapPost("/{userId:guid}/unlock", async (Guid userId, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new SetLockCommand(userId, false), ct)))
            .WithName("UnlockUser").WithSummary("Lifts an admin lock and forgets the address's failed sign-ins (admin).");

        admin.MapPut("/{userId:guid}/roles", async (Guid userId, AssignRolesRequest request, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new AssignRolesCommand(userId, request.Roles), ct)))
            .Validate<AssignRolesRequest>().WithName("AssignRoles").WithSummary("Sets an account's roles: customer, admin, support (admin). The account's sessions end, so the next sign-in carries them.")
            .Produces<UserSummary>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
