using AddisPay.Orders.Contracts;
using AddisPay.Orders.GetOrder;
using AddisPay.Payments.Contracts;

namespace AddisPay.Orders.Domain;

/// <summary>An order as a shop front (another module) shows it to its customer, with where its payment stands (asked of Payments).</summary>
internal static class CustomerOrderViews
{
    public static async Task<CustomerOrder> DescribeAsync(ISender sender, TimeProvider clock, OrderView o, bool askPayments, CancellationToken ct)
    {
        var attempts = askPayments ? await sender.Send(new GetOrderPayments(o.Id, o.CustomerId), ct) : [];
        var a = o.ShippingAddress;
        var status = o.Status;
        return new CustomerOrder(o.Id, o.Number, status, o.Lines, o.Amounts, o.Currency, o.VatRate, o.CouponCode,
            new CheckoutAddress(a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details), o.PlacedAt, o.PaymentDueBy, o.PaidAt,
            o.Carrier, o.TrackingNumber, o.CancellationReason, o.RefundedEtb,
            o.Timeline.Select(t => new OrderTrackingStep(t.Status, t.At, t.Note, t.Event)).ToList(), PaymentOf(o, attempts),
            CanCancel: status is "pending_payment" or "paid" or "processing",
            CanPay: status == "pending_payment" && o.PaymentDueBy > clock.GetUtcNow());
    }

    /// <summary>
    /// Orders' status decides "paid" (the order page agrees the moment the return page does); the latest attempt tells a
    /// pending payment from a failed one. A payment the gateway confirmed that Orders has not settled yet is still pending.
    /// </summary>
    public static OrderPaymentState PaymentOf(OrderView o, IReadOnlyList<OrderPaymentAttempt> attempts)
    {
        if (o.PaidAt is not null)
            return new OrderPaymentState(OrderPaymentState.Paid, o.Gateway, o.PaymentReference,
                attempts.FirstOrDefault(p => p.Reference == o.PaymentReference)?.ReceiptNumber, null);
        if (attempts.Count == 0)
            return o.Status == "cancelled" && o.CancellationReason == OrderCancelled.PaymentFailed
                ? new OrderPaymentState(OrderPaymentState.Failed, null, null, null, "Payment failed")
                : new OrderPaymentState(OrderPaymentState.None, null, null, null, null);
        var last = attempts[^1];
        return last.Status == "failed" || o.Status == "cancelled"
            ? new OrderPaymentState(OrderPaymentState.Failed, last.Gateway, last.Reference, null, last.FailureReason ?? "Order cancelled")
            : new OrderPaymentState(OrderPaymentState.Pending, last.Gateway, last.Reference, null, null);
    }

    /// <summary>The customer's own order by id, or null (another customer's is answered like a missing one).</summary>
    public static async Task<CustomerOrder?> FindAsync(ISender sender, TimeProvider clock, Guid orderId, Guid userId, CancellationToken ct)
    {
        try
        {
            return await DescribeAsync(sender, clock, await sender.Send(new GetOrderQuery(orderId, userId, false), ct), askPayments: true, ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
