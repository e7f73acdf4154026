using AddisPay.Orders.Contracts;

namespace AddisPay.Reviews.RecordPurchases;

/// <summary>
/// Remembers what each customer paid for, and marks their reviews of those products as verified purchases,
/// including reviews written before the payment arrived. Verification does not change a rating summary.
/// Write-only: the statements are queued and go with the inbox transaction's other writes in one round trip.
/// </summary>
internal sealed class RecordPurchases : IIntegrationEventHandler<OrderPaid>, IDefersWrites
{
    public Task HandleAsync(OrderPaid e, IntegrationEventContext context, CancellationToken ct)
    {
        var products = e.Lines.Select(l => l.ProductId).Distinct().ToArray();
        if (products.Length == 0) return Task.CompletedTask;
        // The customer's purchase lock first, as a review being written takes it: the review sees the purchase or is marked here.
        PurchaseSql.DeferRecord(context, e.CustomerId, e.OrderId, e.OccurredAt, products);
        return Task.CompletedTask;
    }
}
