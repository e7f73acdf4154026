using Npgsql;

namespace AddisPay.Reviews.Data;

/// <summary>
/// A customer's purchases (<c>reviews.purchases</c>, mapped by <see cref="ReviewsDbContext"/>) and the verified mark they
/// put on the customer's reviews. Writing a review and recording or withdrawing a purchase of the same customer take the
/// customer's purchase lock first: without it, a review written while the payment commits could miss the purchase, and the
/// purchase miss the review (neither sees the other's uncommitted row), leaving a real buyer unverified. An advisory lock,
/// <c>on conflict do nothing</c> and a delete feeding an update are beyond EF Core; no benchmark measured them.
/// </summary>
internal static class PurchaseSql
{
    private const string Lock = "select pg_advisory_xact_lock(hashtextextended('reviews.purchases:' || @customer::text, 0))";

    private const string Record = """
        insert into reviews.purchases ("CustomerId", "ProductId", "OrderId", "PurchasedAt")
        select @customer, p, @order, @at from unnest(@products) p
        on conflict do nothing
        """;

    private const string MarkVerified = """
        update reviews.reviews set "VerifiedPurchase" = true
         where "AuthorId" = @customer and "ProductId" = any(@products) and not "VerifiedPurchase"
        """;

    private const string Withdraw = Lock + """
        ;
        with refunded as (
            delete from reviews.purchases where "CustomerId" = @customer and "OrderId" = @order returning "ProductId")
        update reviews.reviews r set "VerifiedPurchase" = false
          from (select distinct "ProductId" from refunded) g
         where r."AuthorId" = @customer and r."ProductId" = g."ProductId" and r."VerifiedPurchase"
           and not exists (select 1 from reviews.purchases p
                            where p."CustomerId" = @customer and p."ProductId" = g."ProductId" and p."OrderId" <> @order);
        """;

    /// <summary>Takes the customer's purchase lock, held until the transaction ends.</summary>
    public static Task LockAsync(ReviewsDbContext db, Guid customerId, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(Lock, [new NpgsqlParameter("customer", customerId)], ct);

    /// <summary>
    /// Queues, for the inbox's last round trip: the customer's lock, the order's purchases and the verified mark on the
    /// customer's reviews of those products.
    /// </summary>
    public static void DeferRecord(IntegrationEventContext context, Guid customerId, Guid orderId, DateTimeOffset at, Guid[] products)
    {
        context.Defer(Lock, ("customer", customerId));
        context.Defer(Record, ("customer", customerId), ("order", orderId), ("at", at), ("products", products));
        context.Defer(MarkVerified, ("customer", customerId), ("products", products));
    }

    /// <summary>Under the customer's lock, forgets an order's purchases and unmarks the reviews no other purchase still verifies.</summary>
    public static async Task WithdrawAsync(ModuleWork<ReviewsDbContext> work, Guid customerId, Guid orderId, CancellationToken ct)
    {
        await using var cmd = work.Command(Withdraw);
        cmd.Parameters.AddWithValue("customer", customerId);
        cmd.Parameters.AddWithValue("order", orderId);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
