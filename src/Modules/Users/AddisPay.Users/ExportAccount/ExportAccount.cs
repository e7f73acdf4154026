using System.Security.Claims;
using AddisPay.Notifications.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Recommendations.Contracts;
using AddisPay.Reviews.Contracts;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.RefreshSession;

namespace AddisPay.Users.ExportAccount;

public sealed record SessionExport(Guid SessionId, DateTimeOffset StartedAt, DateTimeOffset LastRefreshedAt, DateTimeOffset? EndedAt, string? EndReason);
public sealed record AccountExport(DateTimeOffset ExportedAt, ProfileView Profile, IReadOnlyList<SessionExport> Sessions,
    IReadOnlyList<object> EmailLinks, bool LockedByAdmin, int RecentFailedSignIns, DateTimeOffset? SignInsWaitUntil,
    IReadOnlyList<AddisPay.Cart.Contracts.CartSummary> Carts, OrdersExport Orders, PaymentsExport Payments, ReviewsExport Reviews,
    NotificationsExport Notifications, BehaviourExport Recommendations);

internal sealed record ExportAccountQuery(Guid AccountId) : IQuery<AccountExport>;

/// <summary>
/// Everything the platform holds about the signed-in user, secrets excepted (hashes are never exported):
/// the account from Users, and from every other module that keeps something about a person through its Contracts
/// (Cart, Orders, Payments, Reviews, Notifications, Recommendations; Products and Search keep nothing personal), so the
/// export is the same whether those modules run here or in processes of their own. A module that cannot answer fails the
/// export rather than leaving its part out.
/// </summary>
internal sealed class ExportAccountHandler(UsersDbContext db, AddressThrottles throttles, ISender sender, TimeProvider clock) : IQueryHandler<ExportAccountQuery, AccountExport>
{
    public async ValueTask<AccountExport> Handle(ExportAccountQuery query, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().Include(a => a.Addresses).FirstOrDefaultAsync(a => a.Id == query.AccountId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Account not found.");
        var tokens = await db.RefreshTokens.AsNoTracking().Where(t => t.AccountId == account.Id).ToListAsync(ct);
        var sessions = tokens.GroupBy(t => t.FamilyId).Select(g => new SessionExport(g.Key, g.Min(t => t.CreatedAt), g.Max(t => t.CreatedAt),
            g.Max(t => t.RevokedAt), g.FirstOrDefault(t => t.RevokedReason != null)?.RevokedReason)).OrderBy(s => s.StartedAt).ToList();
        var links = await db.OneTimeTokens.AsNoTracking().Where(t => t.AccountId == account.Id).OrderBy(t => t.CreatedAt)
            .Select(t => (object)new { t.Purpose, t.CreatedAt, t.ExpiresAt, t.UsedAt }).ToListAsync(ct);
        var (failures, waitUntil) = await throttles.SignInStateAsync(account.NormalizedEmail, ct);
        var carts = await sender.Send(new AddisPay.Cart.Contracts.GetCartsOfUser(account.Id), ct);
        var orders = await sender.Send(new ExportOrdersOf(account.Id), ct);
        var payments = await sender.Send(new ExportPaymentsOf(account.Id), ct);
        var reviews = await sender.Send(new ExportReviewsOf(account.Id), ct);
        var notifications = await sender.Send(new ExportNotificationsOf(account.Id), ct);
        var behaviour = await sender.Send(new ExportBehaviourOf(account.Id), ct);
        return new AccountExport(clock.GetUtcNow(), ProfileView.From(account), sessions, links, account.LockedByAdmin, failures, waitUntil, carts,
            orders, payments, reviews, notifications, behaviour);
    }
}

internal static class ExportAccountEndpoint
{
    public static void MapExportAccount(this IEndpointRouteBuilder api) =>
        api.MapGet("/me/export", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ExportAccountQuery(user.UserId()!.Value), ct)))
            .RequireAuthorization(Policies.Customer).WithName("ExportAccount")
            .WithSummary("Downloads, as JSON, everything the platform holds about the signed-in user.")
            .Produces<AccountExport>();
}
