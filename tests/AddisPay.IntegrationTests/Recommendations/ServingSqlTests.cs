using AddisPay.Recommendations.Contracts;
using AddisPay.Recommendations.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>
/// <see cref="ServingSql"/> against the schema <see cref="RecommendationsDbContext"/> maps: rows written through the
/// context read back through serving's statements. Each test writes and reads in one transaction it rolls back, because
/// the platform's own recompute replaces the precomputed tables wholesale.
/// </summary>
[Collection(SqlFamilies.Collection)]
public sealed class ServingSqlTests(SqlFamilies platform)
{
    private const short Model = 1;

    [Fact]
    public async Task A_products_neighbours_saved_through_the_context_read_back_sellable_by_rank_with_their_catalogue_facts()
    {
        var (product, first, second, archived) = (Product("Coffee"), Product("Cups", brand: "Jebena"), Product("Honey"), Product("Old", archived: true));

        var neighbours = await InRolledBackTransactionAsync(async (db, conn) =>
        {
            db.AddRange(product, first, second, archived,
                new ItemNeighbourRow { Model = Model, ProductId = product.ProductId, Rank = 1, NeighbourId = archived.ProductId, Score = 0.9 },
                new ItemNeighbourRow { Model = Model, ProductId = product.ProductId, Rank = 2, NeighbourId = second.ProductId, Score = 0.5 },
                new ItemNeighbourRow { Model = Model, ProductId = product.ProductId, Rank = 3, NeighbourId = first.ProductId, Score = 0.25 });
            await db.SaveChangesAsync();
            return await ServingSql.NeighboursAsync(conn, Model, product.ProductId, 10, CancellationToken.None);
        });

        Assert.Equal([second.ProductId, first.ProductId], neighbours.Select(n => n.ProductId));
        Assert.Equal(new RecommendedProduct(first.ProductId, first.Slug, "Cups", "Cups-am", "Jebena", "coffee", 0.25), neighbours[1]);
    }

    [Fact]
    public async Task A_customers_list_saved_through_the_context_reads_back_without_what_they_bought_or_what_was_withheld()
    {
        var user = Guid.NewGuid();
        var subject = $"u:{user}";
        var (liked, bought, withheld) = (Product("Liked"), Product("Bought"), Product("Withheld"));

        var personal = await InRolledBackTransactionAsync(async (db, conn) =>
        {
            db.AddRange(liked, bought, withheld,
                new UserRecommendationRow { UserId = user, Rank = 1, ProductId = bought.ProductId, Score = 3 },
                new UserRecommendationRow { UserId = user, Rank = 2, ProductId = withheld.ProductId, Score = 2 },
                new UserRecommendationRow { UserId = user, Rank = 3, ProductId = liked.ProductId, Score = 1 },
                new InteractionRow { Subject = subject, ProductId = bought.ProductId, Kind = 3, UserId = user, Count = 1, FirstAt = SqlFamilies.Now, LastAt = SqlFamilies.Now },
                new WithheldRow { Subject = subject, ProductId = withheld.ProductId });
            await db.SaveChangesAsync();
            return await ServingSql.PersonalAsync(conn, user, subject, 10, CancellationToken.None);
        });

        Assert.Equal([liked.ProductId], personal.Select(p => p.ProductId));
    }

    [Fact]
    public async Task Popular_lists_saved_through_the_context_read_back_in_the_order_of_the_categories_asked_for_without_the_excluded()
    {
        var (category, shop) = ($"cat-{Guid.NewGuid():N}", $"shop-{Guid.NewGuid():N}");
        var (inCategory, inShop, excluded) = (Product("Near", category: category), Product("Anywhere"), Product("Excluded", category: category));

        var (popular, productCategory) = await InRolledBackTransactionAsync(async (db, conn) =>
        {
            db.AddRange(inCategory, inShop, excluded,
                new PopularRow { Category = shop, Rank = 1, ProductId = inShop.ProductId, Score = 9 },
                new PopularRow { Category = category, Rank = 1, ProductId = excluded.ProductId, Score = 8 },
                new PopularRow { Category = category, Rank = 2, ProductId = inCategory.ProductId, Score = 7 });
            await db.SaveChangesAsync();
            return (await ServingSql.PopularAsync(conn, [category, shop], [excluded.ProductId], null, 10, CancellationToken.None),
                await ServingSql.CategoryOfAsync(conn, inCategory.ProductId, CancellationToken.None));
        });

        Assert.Equal([inCategory.ProductId, inShop.ProductId], popular.Select(p => p.ProductId));
        Assert.Equal(category, productCategory);
    }

    private static ProductFactsRow Product(string name, string? brand = null, string category = "coffee", bool archived = false)
    {
        var id = Guid.NewGuid();
        return new() { ProductId = id, Slug = $"serving-{id:N}", Name = name, NameAm = name + "-am", Brand = brand, Category = category, Archived = archived, SkuCount = 1 };
    }

    private Task<T> InRolledBackTransactionAsync<T>(Func<RecommendationsDbContext, NpgsqlConnection, Task<T>> body) =>
        platform.WithContextAsync<RecommendationsDbContext, T>(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            // Serving's statements run on the context's own connection, inside its transaction.
            var result = await body(db, (NpgsqlConnection)db.Database.GetDbConnection());
            await tx.RollbackAsync();
            return result;
        });
}
