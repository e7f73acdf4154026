using AddisPay.Orders.Contracts;
using AddisPay.Reviews.Reviewing;
using AddisPay.Shared.Events;
using Npgsql;
using NpgsqlTypes;

namespace AddisPay.Reviews.VerifiedPurchases;

/// <summary>
/// Remembers what each customer paid for, and marks their reviews of those products as verified purchases,
/// including reviews written before the payment arrived. Verification does not change a rating summary.
/// </summary>
internal sealed class RecordPurchases : IIntegrationEventHandler<OrderPaid>
{
    public async Task HandleAsync(OrderPaid e, IntegrationEventContext context, CancellationToken ct)
    {
        var products = e.Lines.Select(l => l.ProductId).Distinct().ToArray();
        if (products.Length == 0) return;
        await using var cmd = new NpgsqlCommand($"""
            {PurchaseLock.Sql};
            insert into reviews.purchases ("CustomerId", "ProductId", "OrderId", "PurchasedAt")
            select @customer, p, @order, @at from unnest(@products) p
            on conflict do nothing;
            update reviews.reviews set "VerifiedPurchase" = true
             where "AuthorId" = @customer and "ProductId" = any(@products) and not "VerifiedPurchase";
            """, context.Connection, context.Transaction);
        cmd.Parameters.AddWithValue("customer", e.CustomerId);
        cmd.Parameters.AddWithValue("order", e.OrderId);
        cmd.Parameters.AddWithValue("at", e.OccurredAt);
        cmd.Parameters.Add(new NpgsqlParameter("products", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = products });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
