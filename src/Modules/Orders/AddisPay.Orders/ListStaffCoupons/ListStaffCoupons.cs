using AddisPay.Orders.GetCoupon;

namespace AddisPay.Orders.ListStaffCoupons;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>The back office's pages of coupons by code, with a status filter and a search.</summary>
internal sealed class ListStaffCouponsHandler(OrdersDbContext db, TimeProvider clock) : IQueryHandler<ListStaffCoupons, StaffCouponPage>
{
    public async ValueTask<StaffCouponPage> Handle(ListStaffCoupons query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.PageSize is < 1 or > 100) errors["pageSize"] = ["A page holds 1 to 100 coupons."];
        if (query.Status is not null && !StaffCouponStatuses.All.Contains(query.Status)) errors["status"] = [$"Use one of: {string.Join(", ", StaffCouponStatuses.All)}."];
        if (query.After is not null && query.Before is not null) errors["before"] = ["Ask for the page after a code or before one, not both."];
        if (query.Search is { Length: > 40 }) errors["search"] = ["A code has at most 40 characters."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var now = clock.GetUtcNow();
        var coupons = db.Coupons.AsNoTracking();
        if (query.Status is { } status) coupons = coupons.Where(Coupon.InStatus(status, now));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var part = StaffCoupons.Normal(query.Search);
            coupons = coupons.Where(c => c.Code.Contains(part));
        }
        var size = query.PageSize;
        List<Coupon> page;
        bool more;
        if (query.Before is { } before)
        {
            // The page before a code: read backwards, then show it A to Z again.
            var key = StaffCoupons.Normal(before);
            page = await coupons.Where(c => string.Compare(c.Code, key) < 0).OrderByDescending(c => c.Code).Take(size + 1).ToListAsync(ct);
            more = page.Count > size;
            page = page.Take(size).Reverse().ToList();
            return new StaffCouponPage(Rows(page, now), Next: page.Count > 0 ? page[^1].Code : null, Previous: more ? page[0].Code : null);
        }
        var after = query.After is null ? null : StaffCoupons.Normal(query.After);
        if (after is not null) coupons = coupons.Where(c => string.Compare(c.Code, after) > 0);
        page = await coupons.OrderBy(c => c.Code).Take(size + 1).ToListAsync(ct);
        more = page.Count > size;
        page = page.Take(size).ToList();
        return new StaffCouponPage(Rows(page, now), Next: more ? page[^1].Code : null, Previous: after is not null && page.Count > 0 ? page[0].Code : null);
    }

    private static List<StaffCouponRow> Rows(IEnumerable<Coupon> coupons, DateTimeOffset now) => coupons.Select(c => new StaffCouponRow(c.Code,
        StaffCoupons.KindName(c.Kind), c.Value, c.MinimumOrderEtb, c.StartsAt, c.ExpiresAt, c.UsageLimit, c.PerCustomerLimit, c.TimesUsed, c.StatusAt(now))).ToList();
}
