using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.CustomerPrivacy;

/// <summary>A customer's orders as their data export carries them (Users assembles the export through Contracts).</summary>
internal sealed class ExportOrdersOfCustomer(OrdersDbContext db) : IQueryHandler<ExportOrdersOf, OrdersExport>
{
    public async ValueTask<OrdersExport> Handle(ExportOrdersOf query, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == query.UserId).OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).ToListAsync(ct);
        var ids = orders.Select(o => o.Id).ToList();
        var refunds = (await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.OrderId)).ToListAsync(ct)).ToLookup(r => r.OrderId);
        var returns = (await db.Returns.AsNoTracking().Where(r => ids.Contains(r.OrderId)).ToListAsync(ct)).ToLookup(r => r.OrderId);
        return new OrdersExport(orders.Select(o =>
        {
            var a = o.ShippingAddress;
            return new ExportedOrder(o.Id, o.Number, OrderView.StatusName(o.Status), o.Lines, o.Amounts, o.Currency, o.CouponCode,
                new CheckoutAddress(a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details), o.PlacedAt, o.PaidAt, o.Gateway,
                o.PaymentReference, o.Carrier, o.TrackingNumber, o.CancellationReason, o.RefundedEtb,
                o.Timeline.Select(s => new OrderTrackingStep(OrderView.StatusName(s.To), s.At, s.Note, s.Event)).ToList(),
                refunds[o.Id].OrderBy(r => r.IssuedAt).Select(r => new ExportedOrderRefund(r.Id, r.AmountEtb, r.Reason,
                    r.Status.ToString().ToLowerInvariant(), r.IssuedAt, r.CompletedAt)).ToList(),
                returns[o.Id].OrderBy(r => r.RequestedAt).Select(r => new ExportedReturn(r.Id, r.Status.ToString().ToLowerInvariant(), r.Lines, r.Reason,
                    r.RequestedAt, r.DecidedAt, r.RefusalReason, r.ReceivedAt, r.RefundId)).ToList());
        }).ToList());
    }
}

/// <summary>
/// A deleted account's orders stay: they are the fiscal record of a sale (what was sold, when, for how much, with which
/// VAT), which tax law keeps for years. What identifies the person goes: the shipping address loses its recipient, phone
/// and street details (<see cref="ShippingAddressErasure"/>), and the stored answers of checkout's Idempotency-Keys,
/// which repeat the order with its address, are deleted. Returns keep their lines and outcome (they back a credit note) but
/// lose the customer's reason, which is their own free text. The customer id that stays names an account that is itself
/// anonymised.
/// </summary>
internal sealed class AnonymiseOrdersOfDeletedCustomer(ModuleWork<OrdersDbContext> work) : IIntegrationEventHandler<AddisPay.Users.Contracts.UserDeleted>
{
    /// <summary>What a deleted customer's return says instead of their reason.</summary>
    public const string ErasedReason = "erased";

    public async Task HandleAsync(AddisPay.Users.Contracts.UserDeleted e, IntegrationEventContext context, CancellationToken ct)
    {
        var db = work.Db;
        // Locked like every other writer of an order (OrderStore.LockAsync), so a payment settling at the same moment
        // waits instead of writing the address back.
        var orders = await OrderSql.LockedOfCustomer(db, e.UserId).ToListAsync(ct);
        foreach (var order in orders) order.ShippingAddress = ShippingAddressErasure.Anonymise(order.ShippingAddress);
        await db.SaveChangesAsync(ct);
        await db.Returns.Where(r => r.CustomerId == e.UserId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Reason, ErasedReason), ct);
        await db.IdempotencyKeys.Where(k => k.CustomerId == e.UserId).ExecuteDeleteAsync(ct);
        await db.RequestKeys.Where(k => k.CallerId == e.UserId).ExecuteDeleteAsync(ct);
    }
}

/// <summary>What an order keeps of its shipping address once its customer's account is deleted.</summary>
internal static class ShippingAddressErasure
{
    public const string ErasedRecipient = "erased";

    /// <summary>
    /// Region and city stay: they decided the shipping fee on the receipt. Who received it, their phone and the street
    /// (sub-city, woreda, house details) go.
    /// </summary>
    public static ShippingAddress Anonymise(ShippingAddress address) => new()
    {
        Recipient = ErasedRecipient, Phone = "", Region = address.Region, City = address.City, SubCity = null, Woreda = null, Details = ""
    };
}
