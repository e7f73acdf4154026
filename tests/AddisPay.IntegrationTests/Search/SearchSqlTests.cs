using AddisPay.Products.Contracts;
using AddisPay.Search.Data;
using AddisPay.Search.SearchProducts;
using Npgsql;
using SearchQuery = AddisPay.Search.Contracts.SearchProducts;

namespace AddisPay.IntegrationTests.Search;

/// <summary>
/// <see cref="SearchSql"/>'s two statements against what the index writes (<see cref="DocumentSql"/>, itself read back through
/// the mapping in DocumentSqlTests): products indexed under a word nobody else uses come back as hits with their
/// document's fields, and as facet counts.
/// </summary>
[Collection(SqlFamilies.Collection)]
public sealed class SearchSqlTests(SqlFamilies platform)
{
    // Letters only, so both text configurations keep it as one word.
    private readonly string _word = "zq" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    [Fact]
    public async Task Indexed_products_come_back_as_hits_title_matches_first_with_their_documents_fields()
    {
        var (inTitle, inDescription) = await IndexTwoAsync();

        var hits = await HitsAsync(new SearchQuery(_word));

        Assert.Equal([inTitle.ProductId, inDescription.ProductId], hits.Select(h => h.Id));
        var first = hits[0];
        Assert.Equal((inTitle.Slug, inTitle.Name, inTitle.NameAm, (string?)$"Brand {_word}", (string?)"https://img.example/t.jpg"),
            (first.Slug, first.Name, first.NameAm, first.Brand, first.Image));
        Assert.Equal((120.00m, 240.00m, true, (decimal?)4.5m, 2), (first.PriceMin, first.PriceMax, first.InStock, first.Rating, first.RatingCount));
        Assert.True(first.Score > 0);
        Assert.False(hits[1].InStock);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_availability_filter_keeps_only_the_matches_in_or_out_of_stock(bool inStock)
    {
        var (stocked, soldOut) = await IndexTwoAsync();

        var hits = await HitsAsync(new SearchQuery(_word, InStock: inStock));

        Assert.Equal([(inStock ? stocked : soldOut).ProductId], hits.Select(h => h.Id));
    }

    [Fact]
    public async Task The_facet_statement_counts_the_matches_per_category_brand_and_availability()
    {
        await IndexTwoAsync();

        var facets = await FacetsAsync(new SearchQuery(_word));

        Assert.Equal(2, facets.Sum(f => f.Count));
        Assert.All(facets, f => Assert.Equal(["drinks", "coffee"], f.CategorySlugs ?? []));
        Assert.Equal([(true, $"Brand {_word}", 1L), (false, (string?)null, 1L)],
            facets.OrderByDescending(f => f.InStock).Select(f => (f.InStock, f.Brand, f.Count)));
    }

    private async Task<(ProductPublished InTitle, ProductPublished InDescription)> IndexTwoAsync()
    {
        var category = new CategoryPath(["drinks", "coffee"], ["Drinks", "Coffee"], ["መጠጦች", "ቡና"]);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var inTitle = new ProductPublished(a, $"search-{a:N}", $"{_word} coffee", "ቡና", "Roasted", null, $"Brand {_word}", category, ["https://img.example/t.jpg"],
            [new ProductVariant($"S-{a:N}"[..20], new Dictionary<string, string>(), 120.00m, 3), new ProductVariant($"T-{a:N}"[..20], new Dictionary<string, string>(), 240.00m, 0)],
            SqlFamilies.Now);
        var inDescription = new ProductPublished(b, $"search-{b:N}", "Plain cups", "ስኒ", $"Goes with {_word}", null, null, category, [],
            [new ProductVariant($"S-{b:N}"[..20], new Dictionary<string, string>(), 80.00m, 0)], SqlFamilies.Now); // its only variant sold out
        await platform.InInboxAsync(context => DocumentSql.UpsertAsync(context.Connection, context.Transaction, inTitle, CancellationToken.None));
        await platform.InInboxAsync(context => DocumentSql.UpsertAsync(context.Connection, context.Transaction, inDescription, CancellationToken.None));
        await platform.InInboxAsync(context => DocumentSql.RatedAsync(context, a, 4.5m, 2, CancellationToken.None));
        return (inTitle, inDescription);
    }

    private sealed record Hit(Guid Id, string Slug, string Name, string NameAm, string? Brand, string? Image, decimal PriceMin, decimal PriceMax,
        bool InStock, decimal? Rating, int RatingCount, double Score);

    private sealed record Facet(string[]? CategorySlugs, string? Brand, int PriceBucket, int RatingBucket, bool InStock, long Count);

    private async Task<List<Hit>> HitsAsync(SearchQuery query)
    {
        var sql = SearchSql.For(query, _word, candidates: 100);
        return await ReadAsync(sql, sql.Hits, r => new Hit(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.GetDecimal(6), r.GetDecimal(7), r.GetBoolean(8), r.IsDBNull(9) ? null : r.GetDecimal(9), r.GetInt32(10),
            r.GetDouble(11)));
    }

    private async Task<List<Facet>> FacetsAsync(SearchQuery query)
    {
        var sql = SearchSql.For(query, _word, candidates: 100);
        return await ReadAsync(sql, sql.Facets, r => new Facet(r.IsDBNull(0) ? null : r.GetFieldValue<string[]>(0), r.IsDBNull(1) ? null : r.GetString(1),
            r.GetInt32(2), r.GetInt32(3), r.GetBoolean(4), r.GetInt64(5)));
    }

    private async Task<List<T>> ReadAsync<T>(SearchSql sql, string statement, Func<NpgsqlDataReader, T> row)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(statement, conn);
        foreach (var (name, value) in sql.Parameters) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(row(reader));
        return rows;
    }
}
