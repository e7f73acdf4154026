using AddisPay.Reviews.Data;
using AddisPay.Reviews.Domain;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Reviews.ReviewRows;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary><see cref="PurchaseSql"/> against the mapping of <see cref="ReviewsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class PurchaseSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_paid_orders_purchases_recorded_by_the_queued_statements_read_back_through_the_context_and_verify_the_customers_review()
    {
        var (customer, order) = (Guid.NewGuid(), Guid.NewGuid());
        var review = NewReview(customer);
        await platform.SaveAsync<ReviewsDbContext>(review);

        await platform.InInboxAsync(context =>
        {
            PurchaseSql.DeferRecord(context, customer, order, At, [review.ProductId, Guid.NewGuid()]);
            return Task.CompletedTask;
        });

        var (purchases, verified) = await platform.WithContextAsync<ReviewsDbContext, (List<Purchase>, bool)>(async db =>
            (await db.Purchases.AsNoTracking().Where(p => p.CustomerId == customer).ToListAsync(),
             await db.Reviews.Where(r => r.Id == review.Id).Select(r => r.VerifiedPurchase).SingleAsync()));
        Assert.Equal(2, purchases.Count);
        Assert.All(purchases, p => Assert.Equal((order, At), (p.OrderId, p.PurchasedAt)));
        Assert.Contains(purchases, p => p.ProductId == review.ProductId);
        Assert.True(verified);
    }

    [Fact]
    public async Task Withdrawing_an_orders_purchases_saved_through_the_context_unmarks_only_the_reviews_no_other_purchase_verifies()
    {
        var (customer, refunded, kept) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (onlyRefunded, alsoKept) = (NewReview(customer, verified: true), NewReview(customer, verified: true));
        await platform.SaveAsync<ReviewsDbContext>(onlyRefunded, alsoKept,
            new Purchase { CustomerId = customer, ProductId = onlyRefunded.ProductId, OrderId = refunded, PurchasedAt = At },
            new Purchase { CustomerId = customer, ProductId = alsoKept.ProductId, OrderId = refunded, PurchasedAt = At },
            new Purchase { CustomerId = customer, ProductId = alsoKept.ProductId, OrderId = kept, PurchasedAt = At });

        await platform.InWorkAsync<ReviewsDbContext>(work => PurchaseSql.WithdrawAsync(work, customer, refunded, CancellationToken.None));

        var (orders, verified) = await platform.WithContextAsync<ReviewsDbContext, (List<Guid>, Dictionary<Guid, bool>)>(async db =>
            (await db.Purchases.Where(p => p.CustomerId == customer).Select(p => p.OrderId).ToListAsync(),
             await db.Reviews.Where(r => r.AuthorId == customer).ToDictionaryAsync(r => r.Id, r => r.VerifiedPurchase)));
        Assert.Equal([kept], orders);
        Assert.False(verified[onlyRefunded.Id]);
        Assert.True(verified[alsoKept.Id]);
    }
}
