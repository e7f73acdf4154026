using AddisPay.Recommendations.Data;
using AddisPay.Recommendations.Domain;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary><see cref="InteractionSql"/> against the schema <see cref="RecommendationsDbContext"/> maps.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class InteractionSqlTests(SqlFamilies platform)
{
    private static readonly DateTimeOffset Now = SqlFamilies.Now;

    [Fact]
    public async Task Behaviour_recorded_twice_by_the_upsert_reads_back_through_the_context_as_one_counted_row()
    {
        var (user, product) = (Guid.NewGuid(), Guid.NewGuid());
        var subject = $"u:{user}";

        await using (var conn = await platform.Service<RecommendationsDatabase>().OpenAsync(CancellationToken.None))
        {
            await InteractionSql.RecordAsync(conn, null, subject, user, [product, product], BehaviourKind.View, Now, CancellationToken.None);
            await InteractionSql.RecordAsync(conn, null, subject, user, [product], BehaviourKind.View, Now.AddMinutes(1), CancellationToken.None);
        }

        var row = await platform.WithContextAsync<RecommendationsDbContext, InteractionRow>(db => db.Set<InteractionRow>().AsNoTracking().SingleAsync(i => i.Subject == subject));
        Assert.Equal((product, (short)BehaviourKind.View, (Guid?)user, 2, Now, Now.AddMinutes(1)), (row.ProductId, row.Kind, row.UserId, row.Count, row.FirstAt, row.LastAt));
    }

    [Fact]
    public async Task A_visitors_cart_behaviour_saved_through_the_context_moves_to_the_customer_at_sign_in()
    {
        var (cart, user, product) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (cartSubject, userSubject) = ($"c:{cart}", $"u:{user}");
        await platform.SaveAsync<RecommendationsDbContext>(
            new InteractionRow { Subject = cartSubject, ProductId = product, Kind = (short)BehaviourKind.Cart, Count = 2, FirstAt = Now, LastAt = Now.AddMinutes(2) },
            new InteractionRow { Subject = userSubject, ProductId = product, Kind = (short)BehaviourKind.Cart, UserId = user, Count = 1, FirstAt = Now.AddMinutes(1), LastAt = Now.AddMinutes(1) });

        await platform.InInboxAsync(context =>
        {
            InteractionSql.MoveToCustomer(context, cartSubject, userSubject, user);
            return Task.CompletedTask;
        });

        var rows = await platform.WithContextAsync<RecommendationsDbContext, List<InteractionRow>>(db =>
            db.Set<InteractionRow>().AsNoTracking().Where(i => i.ProductId == product).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal((userSubject, (Guid?)user, 3, Now, Now.AddMinutes(2)), (row.Subject, row.UserId, row.Count, row.FirstAt, row.LastAt));
    }
}
