using AddisPay.Recommendations.Data;
using AddisPay.Recommendations.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>
/// <see cref="ModelSql"/> (the recompute's statements) against the schema <see cref="RecommendationsDbContext"/> maps. A test
/// that swaps the served tables holds the recompute lock meanwhile, as the recompute does, so the platform's own
/// recompute cannot swap between its write and its read-back.
/// </summary>
[Collection(SqlFamilies.Collection)]
public sealed class ModelSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_swapped_snapshot_reads_back_through_the_context_list_by_list_in_rank_order()
    {
        var (product, near, far, user) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (subject, category) = ($"u:{user}", $"cat-{Guid.NewGuid():N}");
        await platform.SaveAsync<RecommendationsDbContext>(Interaction(subject, user, near));
        var snapshot = new RecommendationSnapshot(
            BoughtTogether: new Dictionary<Guid, IReadOnlyList<Scored>> { [product] = [new(near, 0.5), new(far, 0.25)] },
            Similar: new Dictionary<Guid, IReadOnlyList<Scored>> { [product] = [new(far, 0.9)] },
            Personal: new Dictionary<string, IReadOnlyList<Scored>> { [subject] = [new(far, 2.5), new(near, 1.5)] },
            Popular: new Dictionary<string, IReadOnlyList<Scored>> { [category] = [new(near, 7), new(far, 3)] },
            Subjects: 1, Products: 3)
        { Withheld = new Dictionary<string, IReadOnlyList<Guid>> { [subject] = [product] } };

        await WhileHoldingTheRecomputeLockAsync(conn => ModelSql.SwapAsync(conn, snapshot, CancellationToken.None));

        var (neighbours, personal, withheld, popular) = await platform.WithContextAsync<RecommendationsDbContext, (List<ItemNeighbourRow>, List<UserRecommendationRow>, List<WithheldRow>, List<PopularRow>)>(async db => (
            await db.Set<ItemNeighbourRow>().AsNoTracking().Where(n => n.ProductId == product).OrderBy(n => n.Model).ThenBy(n => n.Rank).ToListAsync(),
            await db.Set<UserRecommendationRow>().AsNoTracking().Where(r => r.UserId == user).OrderBy(r => r.Rank).ToListAsync(),
            await db.Set<WithheldRow>().AsNoTracking().Where(w => w.Subject == subject).ToListAsync(),
            await db.Set<PopularRow>().AsNoTracking().Where(p => p.Category == category).OrderBy(p => p.Rank).ToListAsync()));

        Assert.Equal([(ModelRecompute.BoughtTogetherModel, 1, near, 0.5), (ModelRecompute.BoughtTogetherModel, 2, far, 0.25), (ModelRecompute.SimilarModel, 1, far, 0.9)],
            neighbours.Select(n => (n.Model, n.Rank, n.NeighbourId, n.Score)));
        Assert.Equal([(1, far, 2.5), (2, near, 1.5)], personal.Select(r => (r.Rank, r.ProductId, r.Score)));
        Assert.Equal([product], withheld.Select(w => w.ProductId));
        Assert.Equal([(1, near, 7.0), (2, far, 3.0)], popular.Select(p => (p.Rank, p.ProductId, p.Score)));
    }

    [Fact]
    public async Task A_swap_keeps_no_list_of_a_customer_whose_interactions_were_erased_meanwhile()
    {
        var (erased, product) = (Guid.NewGuid(), Guid.NewGuid());
        var snapshot = new RecommendationSnapshot(new Dictionary<Guid, IReadOnlyList<Scored>>(), new Dictionary<Guid, IReadOnlyList<Scored>>(),
            new Dictionary<string, IReadOnlyList<Scored>> { [$"u:{erased}"] = [new(product, 1)] }, new Dictionary<string, IReadOnlyList<Scored>>(), 1, 1)
        { Withheld = new Dictionary<string, IReadOnlyList<Guid>> { [$"u:{erased}"] = [product] } };

        await WhileHoldingTheRecomputeLockAsync(conn => ModelSql.SwapAsync(conn, snapshot, CancellationToken.None));

        var kept = await platform.WithContextAsync<RecommendationsDbContext, int>(async db =>
            await db.Set<UserRecommendationRow>().CountAsync(r => r.UserId == erased) + await db.Set<WithheldRow>().CountAsync(w => w.Subject == $"u:{erased}"));
        Assert.Equal(0, kept);
    }

    [Fact]
    public async Task Catalogue_facts_and_behaviour_saved_through_the_context_are_read_whole_by_the_recompute()
    {
        var (user, product) = (Guid.NewGuid(), Guid.NewGuid());
        var interaction = Interaction($"u:{user}", user, product);
        await platform.SaveAsync<RecommendationsDbContext>(interaction,
            new ProductFactsRow { ProductId = product, Slug = $"model-{product:N}", Name = "Jebena", NameAm = "ጀበና", Brand = "Sidama", Category = "pottery", Archived = true, SkuCount = 1 });

        await using var conn = await OpenAsync();
        var catalogue = await ModelSql.ReadCatalogueAsync(conn, CancellationToken.None);
        var behaviour = await ModelSql.ReadBehaviourAsync(conn, CancellationToken.None);

        Assert.Equal(new CatalogueFacts(product, "pottery", "Sidama", Listed: false), Assert.Single(catalogue, c => c.ProductId == product));
        Assert.Equal(new Behaviour($"u:{user}", product, BehaviourKind.Purchase, 2, interaction.LastAt), Assert.Single(behaviour, b => b.ProductId == product));
    }

    [Fact]
    public async Task A_recorded_run_reads_back_through_the_context()
    {
        var at = SqlFamilies.Now.AddYears(-30).AddTicks(Random.Shared.Next(1, 1_000_000) * 10);

        await using (var conn = await OpenAsync())
            await ModelSql.RecordRunAsync(conn, new RecomputeResult(at, Interactions: 41, Products: 17, Shoppers: 5, PersonalLists: 4, DurationMs: 230), CancellationToken.None);

        var run = await platform.WithContextAsync<RecommendationsDbContext, ModelRunRow>(db => db.Set<ModelRunRow>().AsNoTracking().SingleAsync(r => r.ComputedAt == at));
        Assert.Equal((41, 17, 5, 230), (run.Interactions, run.Products, run.Shoppers, run.DurationMs));
    }

    [Fact]
    public async Task The_recompute_lock_is_held_by_one_session_at_a_time()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        Assert.True(await ModelSql.LockAsync(first, wait: true, CancellationToken.None));

        var whileHeld = await ModelSql.LockAsync(second, wait: false, CancellationToken.None);
        await ModelSql.UnlockAsync(first);
        var afterRelease = await ModelSql.LockAsync(second, wait: false, CancellationToken.None);
        await ModelSql.UnlockAsync(second);

        Assert.False(whileHeld);
        Assert.True(afterRelease);
    }

    private static InteractionRow Interaction(string subject, Guid user, Guid product) => new()
    {
        Subject = subject, ProductId = product, Kind = (short)BehaviourKind.Purchase, UserId = user, Count = 2, FirstAt = SqlFamilies.Now.AddDays(-2), LastAt = SqlFamilies.Now
    };

    private async Task WhileHoldingTheRecomputeLockAsync(Func<NpgsqlConnection, Task> body)
    {
        await using var conn = await OpenAsync();
        await ModelSql.LockAsync(conn, wait: true, CancellationToken.None);
        try { await body(conn); }
        finally { await ModelSql.UnlockAsync(conn); }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }
}
