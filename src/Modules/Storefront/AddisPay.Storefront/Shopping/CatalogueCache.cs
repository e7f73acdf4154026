using AddisPay.Products.Contracts;
using AddisPay.Recommendations.Contracts;
using AddisPay.Reviews.Contracts;
using AddisPay.Search.Contracts;
using Mediator;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// What a page shows beside the product's own price and stock, kept briefly in this process: the category tree (changes
/// when an admin edits it), recommendations (recomputed every 15 minutes anyway) and review summaries and lists. Each of
/// them is a call to another module (another pod when split) and together they cost a product page far more than the
/// product itself. A product page's price and stock are never cached: they come fresh on every request. A category
/// listing (hits and facet counts) is kept for <see cref="Listings"/>: Search's listing statements cost a category page
/// more than its rendering, and every shopper browsing a popular category asks the same few listings.
/// </summary>
internal sealed class CatalogueCache([FromKeyedServices(CatalogueCache.Key)] IMemoryCache cache, ISender sender)
{
    /// <summary>The storefront's bounded memory cache (a keyed service: the process's shared IMemoryCache, if any, is not it).</summary>
    public const string Key = "storefront";

    private static readonly TimeSpan Categories = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Recommendations = TimeSpan.FromMinutes(1);
    /// <summary>A new review or helpful vote shows within this time.</summary>
    private static readonly TimeSpan Reviews = TimeSpan.FromSeconds(20);
    /// <summary>
    /// A price, stock, rating or new product shows in a listing within this time after Search indexed it (a listing is a
    /// summary: the product page, and the cart at checkout, always show the exact price and stock). A visitor's category
    /// page may be <see cref="VisitorPageCache.CategoryPages"/> older still.
    /// </summary>
    public static readonly TimeSpan Listings = TimeSpan.FromSeconds(3);

    public Task<IReadOnlyList<CategoryEntry>> CategoryTreeAsync() =>
        GetAsync("categories", Categories, () => sender.Send(new GetCategoryTree()));

    /// <param name="fresh">Read them now and keep that (a shopper who just voted sees the vote counted).</param>
    public Task<ProductReviews> ReviewsAsync(Guid productId, bool fresh = false)
    {
        if (fresh) cache.Remove(("reviews", productId));
        return GetAsync(("reviews", productId), Reviews, () => sender.Send(new GetProductReviews(productId)));
    }

    public Task<RecommendationList> RecommendationsAsync(Guid productId, ProductRecommendationKind kind) =>
        GetAsync(("recommendations", productId, kind), Recommendations, () => sender.Send(new GetProductRecommendations(productId, kind, 4)));

    /// <summary>A listing without words (a category page): one per category, filters, sort and page, whatever the language.</summary>
    public Task<SearchResult> ListingAsync(SearchProducts query) =>
        GetAsync(("listing", query), Listings, () => sender.Send(query));

    public Task<RecommendationList> PopularAsync() =>
        GetAsync("popular", Recommendations, () => sender.Send(new GetPopularProducts(Limit: 8)));

    private async Task<T> GetAsync<T>(object key, TimeSpan lifetime, Func<ValueTask<T>> fetch)
    {
        if (cache.TryGetValue(key, out T? found) && found is not null) return found;
        var fresh = await fetch();
        // An entry per product viewed, a few hundred bytes each, gone after its lifetime.
        cache.Set(key, fresh, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
        return fresh;
    }
}
