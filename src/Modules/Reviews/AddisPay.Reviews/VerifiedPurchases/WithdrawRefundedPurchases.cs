using AddisPay.Orders.Contracts;
using AddisPay.Reviews.Reviewing;
using AddisPay.Shared.Events;
using Npgsql;

namespace AddisPay.Reviews.VerifiedPurchases;

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
        await using var cmd = work.Command($"""
            {PurchaseLock.Sql};
            with refunded as (
                delete from reviews.purchases where "CustomerId" = @customer and "OrderId" = @order returning "ProductId")
            update reviews.reviews r set "VerifiedPurchase" = false
              from (select distinct "ProductId" from refunded) g
             where r."AuthorId" = @customer and r."ProductId" = g."ProductId" and r."VerifiedPurchase"
               and not exists (select 1 from reviews.purchases p
                                where p."CustomerId" = @customer and p."ProductId" = g."ProductId" and p."OrderId" <> @order);
            """);
        cmd.Parameters.AddWithValue("customer", e.CustomerId);
        cmd.Parameters.AddWithValue("order", e.OrderId);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
