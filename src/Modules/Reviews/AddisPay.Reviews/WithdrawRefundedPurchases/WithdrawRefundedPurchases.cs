using AddisPay.Orders.Contracts;
using Npgsql;

namespace AddisPay.Reviews.WithdrawRefundedPurchases;

/// <summary>
/// A fully refunded order no longer proves a purchase: its rows go, and the customer's reviews of those products
/// lose the verified mark unless another paid order of theirs still covers the product. A partial refund (a line
/// or part of the amount) changes nothing: the customer kept something they paid for. Verification does not
/// change a rating summary, so nothing is published.
/// </summary>
internal sealed class WithdrawRefundedPurchases(ModuleWork<AddisPay.Reviews.Data.ReviewsDbContext> work) : IIntegrationEventHandler<OrderRefunded>
{
    public async Task HandleAsync(OrderRefunded e, IntegrationEventContext context, CancellationToken ct)
    {
        if (!e.Full) return;
        // The same lock as writing a review and recording a purchase, so a review written meanwhile sees the outcome.
        await PurchaseSql.WithdrawAsync(work, e.CustomerId, e.OrderId, ct);
    }
}
