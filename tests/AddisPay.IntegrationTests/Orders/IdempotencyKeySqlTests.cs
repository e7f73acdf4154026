using AddisPay.Orders.Data;
using AddisPay.Orders.Domain;
using AddisPay.Orders.PlaceOrder;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Orders;

/// <summary><see cref="IdempotencyKeySql"/> against the mapping of <see cref="OrdersDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class IdempotencyKeySqlTests(SqlFamilies platform)
{
    private static readonly DateTimeOffset At = SqlFamilies.Now;

    [Fact]
    public async Task An_order_key_claimed_by_its_statement_reads_back_through_the_context_and_a_second_claim_draws_nothing()
    {
        var (customer, order) = (Guid.NewGuid(), Guid.NewGuid());

        var drawn = await ClaimAsync(customer, order);
        var again = await ClaimAsync(customer, Guid.NewGuid());

        Assert.NotNull(drawn);
        Assert.Null(again);
        var key = await platform.WithContextAsync<OrdersDbContext, IdempotencyRecord>(db =>
            db.IdempotencyKeys.AsNoTracking().SingleAsync(k => k.CustomerId == customer && k.Key == "key-1"));
        Assert.Equal((order, "hash-1", At, At.AddSeconds(30), At.AddHours(24)), (key.OrderId, key.RequestHash, key.CreatedAt, key.LockedUntil, key.ExpiresAt));
        Assert.Null(key.ResponseStatus);
        Assert.Null(key.ResponseBody);
    }

    [Fact]
    public async Task A_request_key_claimed_by_its_statement_reads_back_through_the_context_and_a_second_claim_loses()
    {
        var caller = Guid.NewGuid();

        var claimed = await ClaimRequestAsync(caller);
        var again = await ClaimRequestAsync(caller);

        Assert.True(claimed);
        Assert.False(again);
        var key = await platform.WithContextAsync<OrdersDbContext, RequestKey>(db =>
            db.RequestKeys.AsNoTracking().SingleAsync(k => k.Operation == RequestKeys.Refund && k.CallerId == caller && k.Key == "key-2"));
        Assert.Equal(("hash-2", At, At.AddSeconds(30), At.AddHours(24)), (key.RequestHash, key.CreatedAt, key.LockedUntil, key.ExpiresAt));
        Assert.Null(key.ResponseStatus);
    }

    private Task<long?> ClaimAsync(Guid customer, Guid order) => platform.WithContextAsync<OrdersDbContext, long?>(db =>
        IdempotencyKeySql.ClaimOrderKeyAsync(db, customer, "key-1", "hash-1", order, At, At.AddSeconds(30), At.AddHours(24), CancellationToken.None));

    private Task<bool> ClaimRequestAsync(Guid caller) => platform.WithContextAsync<OrdersDbContext, bool>(db =>
        IdempotencyKeySql.ClaimRequestKeyAsync(db, RequestKeys.Refund, caller, "key-2", "hash-2", At, At.AddSeconds(30), At.AddHours(24), CancellationToken.None));
}
