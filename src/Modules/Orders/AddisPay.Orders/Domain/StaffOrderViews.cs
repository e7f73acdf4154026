using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

/// <summary>
/// An order as a back office (another module) shows it to staff, and the keyed change its forms make: every change is keyed,
/// so a double submit of a form does one thing (the status moves through <see cref="RequestKeys"/>, the refunds through their own keys).
/// </summary>
internal static class StaffOrderViews
{
    public static async ValueTask<StaffOrderChanged> OnceAsync(RequestKeys keys, OrdersDbContext db, string operation, Guid staffId, string key, object request, Func<ValueTask<OrderView>> change,
        CancellationToken ct)
    {
        KeyChecked(key);
        var changed = await keys.OnceAsync<OrderView>(operation, staffId, key, request, async _ => await change(), ct);
        return new StaffOrderChanged(await DescribeAsync(db, changed.Value, ct), changed.Replayed);
    }

    public static async Task<StaffOrder> DescribeAsync(OrdersDbContext db, OrderView o, CancellationToken ct)
    {
        var refundable = 0m;
        if (o.PaidAt is not null)
        {
            var underWay = await db.Refunds.AsNoTracking().Where(r => r.OrderId == o.Id && r.Status == RefundStatus.Issued).SumAsync(r => (decimal?)r.AmountEtb, ct) ?? 0m;
            refundable = Math.Max(0m, o.Amounts.TotalEtb - o.RefundedEtb - underWay);
        }
        var a = o.ShippingAddress;
        return new StaffOrder(o.Id, o.Number, o.CustomerId, o.Status, o.Lines, o.Amounts,
            new CheckoutAddress(a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details), o.PlacedAt, o.PaidAt, o.Gateway,
            o.PaymentReference, o.Carrier, o.TrackingNumber, o.CancellationReason, o.RefundedEtb, refundable,
            o.Timeline.Select(t => new StaffTimelineStep(t.Status, t.At, t.Actor, t.Note, t.Event)).ToList(),
            o.Refunds.Select(r => new StaffOrderRefund(r.Id, r.AmountEtb, r.Reason, r.Status, r.Kind, r.IssuedAt)).ToList());
    }

    public static void KeyChecked(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || RequestKeys.Problem(key) is not null)
            throw new ValidationFailedException("idempotencyKey", "An idempotency key of 1 to 255 characters (one per form shown) makes a retried change safe.");
    }
}
