using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Orders.Contracts;

// Staff keeping the shop's coupons from a back office (another module). The caller checked the staff member's role
// (admin: coupons are prices). Codes are compared in capitals (ADDIS10 = addis10). Times are instants (UTC stored; a
// page shows and reads them in Addis Ababa time). Amounts in birr, before VAT, as the cart's subtotal they apply to.

/// <summary>
/// Coupons by code (A to Z), a stable key: <paramref name="After"/> the last code of a page for the next one,
/// <paramref name="Before"/> the first code for the previous one (never both). Nothing is counted, so every page costs the same.
/// </summary>
/// <param name="Search">Part of the code (any case).</param>
/// <param name="Status">One of <see cref="StaffCouponStatuses.All"/>; null for every coupon.</param>
public sealed record ListStaffCoupons(string? Search = null, string? Status = null, string? After = null, string? Before = null, int PageSize = 25)
    : IQuery<StaffCouponPage>;

/// <param name="Next">The code to ask <c>After</c> for the next page; null on the last.</param>
/// <param name="Previous">The code to ask <c>Before</c> for the previous page; null on the first.</param>
public sealed record StaffCouponPage(IReadOnlyList<StaffCouponRow> Items, string? Next, string? Previous);

/// <param name="Kind">percentage or fixed.</param>
/// <param name="Status">What checkout would make of it now: one of <see cref="StaffCouponStatuses.All"/>.</param>
public sealed record StaffCouponRow(string Code, string Kind, decimal Value, decimal MinimumOrderEtb, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt,
    int? UsageLimit, int? PerCustomerLimit, int TimesUsed, string Status);

/// <summary>A coupon by code (any case) with its latest redemptions; null when there is none.</summary>
public sealed record GetStaffCoupon(string Code) : IQuery<StaffCoupon?>;

/// <param name="Remaining">Uses left under the usage limit; null without a limit.</param>
/// <param name="EverUsed">Some order was ever placed with it (even one cancelled since): its kind and value are then fixed.</param>
/// <param name="Version">The coupon's concurrency token: send it back with <see cref="ChangeStaffCoupon"/>.</param>
/// <param name="Redemptions">The latest uses of orders not cancelled, newest first (at most 20).</param>
public sealed record StaffCoupon(string Code, string Kind, decimal Value, decimal MinimumOrderEtb, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt,
    int? UsageLimit, int? PerCustomerLimit, int TimesUsed, int? Remaining, string Status, bool EverUsed, uint Version, DateTimeOffset CreatedAt,
    IReadOnlyList<StaffCouponRedemption> Redemptions);

public sealed record StaffCouponRedemption(Guid OrderId, string OrderNumber, Guid CustomerId, DateTimeOffset RedeemedAt);

/// <summary>
/// A new coupon: <paramref name="Code"/> 3–40 letters, digits or dashes (kept in capitals; a code taken in any case is a
/// 409), <paramref name="Kind"/> percentage (1–100) or fixed (birr), a minimum order, an optional window [StartsAt,
/// ExpiresAt), a usage limit and a per-customer limit. Field errors as <see cref="ValidationFailedException"/> under the
/// API's names (code, kind, value, minimumOrderEtb, expiresAt, usageLimit, perCustomerLimit). The same
/// <paramref name="IdempotencyKey"/> again answers the coupon it made (Replayed), so a double submit creates one.
/// </summary>
public sealed record CreateStaffCoupon(string? Code, string? Kind, decimal? Value, decimal MinimumOrderEtb, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt,
    int? UsageLimit, int? PerCustomerLimit, Guid StaffId, string IdempotencyKey) : ICommand<StaffCouponChanged>, IIdempotentCommand;

/// <summary>
/// Sets a coupon's terms (the same rules as a new one). Limits, window and minimum may always change; kind and value only
/// while it was never used (409, reason coupon.used-fixed); a usage limit under the uses so far is a 409 (coupon.limit-under-uses).
/// Refused with <see cref="PreconditionFailedException"/> (412) when the coupon changed since <paramref name="ExpectedVersion"/>
/// was read (a use at checkout changes it too), unless it already is what is asked (a double submit): then Replayed.
/// </summary>
public sealed record ChangeStaffCoupon(string Code, uint ExpectedVersion, string? Kind, decimal? Value, decimal MinimumOrderEtb, DateTimeOffset? StartsAt,
    DateTimeOffset? ExpiresAt, int? UsageLimit, int? PerCustomerLimit, Guid StaffId) : ICommand<StaffCouponChanged>, IIdempotentCommand;

/// <summary>Ends a coupon now: checkout refuses it from then on (orders placed with it keep their discount). Already ended: Replayed.</summary>
public sealed record EndStaffCoupon(string Code, Guid StaffId) : ICommand<StaffCouponChanged>, IIdempotentCommand;

/// <summary>The coupon after a staff change and before it (null for a new one), for the caller's audit log.</summary>
public sealed record StaffCouponChanged(StaffCoupon Coupon, StaffCoupon? Before, bool Replayed);

public static class StaffCouponStatuses
{
    /// <summary>active (usable now), scheduled (starts later), expired, used_up (its usage limit reached), ended (by staff).</summary>
    public static readonly string[] All = ["active", "scheduled", "expired", "used_up", "ended"];
}
