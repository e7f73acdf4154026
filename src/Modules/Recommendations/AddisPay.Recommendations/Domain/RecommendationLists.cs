using AddisPay.Recommendations.Contracts;

namespace AddisPay.Recommendations.Domain;

/// <summary>
/// The rules every served list follows: a bounded length, and a list too short after filtering topped up from the popular
/// lists (which are also the whole answer for a new product or customer).
/// </summary>
internal static class RecommendationLists
{
    public const int MaxLimit = 50;

    public static void Validate(int limit)
    {
        if (limit is < 1 or > MaxLimit) throw new ValidationFailedException("limit", $"Ask for 1 to {MaxLimit} products.");
    }

    public static async Task<IReadOnlyList<RecommendedProduct>> TopUpAsync(NpgsqlConnection conn, IReadOnlyList<RecommendedProduct> items, int limit,
        string[] categories, Guid[] exclude, string? subject, CancellationToken ct)
    {
        var excluded = exclude.Concat(items.Select(i => i.ProductId)).ToArray();
        // What they bought or disliked (and its close neighbours) must not come back with a top-up either.
        var popular = await ServingSql.PopularAsync(conn, categories, excluded, subject, limit * categories.Length, ct);
        return items.Concat(popular.DistinctBy(p => p.ProductId)).Take(limit).ToList();
    }
}
