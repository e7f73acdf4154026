using AddisPay.Reviews.GetRatingSummary;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>Products archives a product: its reviews leave the public listing, nothing else changes.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class HideReviewsOfArchivedProductsTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    /// <summary>Two reviews (5 and 3 stars) of a product that is then archived, the 5-star one by an author who also reviewed a kept product.</summary>
    private async Task<(Guid Archived, Guid Kept, Customer Author)> ArchivedProductAsync()
    {
        var (archived, kept) = (await _shop.NewProductAsync(), await _shop.NewProductAsync());
        var author = Customer.New();
        await _shop.WriteAsync(archived, author, rating: 5);
        await _shop.WriteAsync(archived, Customer.New(), rating: 3);
        await _shop.WriteAsync(kept, author, rating: 2);
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/products/{archived}/archive", Tokens.Admin(), HttpStatusCode.OK);
        await Eventually.Until(() => _shop.ListAsync(archived), p => p.Total == 0, "the archived product's reviews to leave the listing");
        return (archived, kept, author);
    }

    [Fact]
    public async Task Reviews_of_an_archived_product_leave_the_public_listing()
    {
        var (archived, kept) = (await _shop.NewProductAsync(), await _shop.NewProductAsync());
        await _shop.WriteAsync(archived, Customer.New(), rating: 5);
        await _shop.WriteAsync(archived, Customer.New(), rating: 3);
        Assert.Equal(2, (await _shop.ListAsync(archived)).Total);

        await _shop.ExpectAsync(HttpMethod.Post, $"/api/products/{archived}/archive", Tokens.Admin(), HttpStatusCode.OK);

        var page = await Eventually.Until(() => _shop.ListAsync(archived, "sort=highest"), p => p.Total == 0, "the archived product's reviews to leave the listing");
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task The_summary_of_an_archived_product_stays()
    {
        var (archived, _, _) = await ArchivedProductAsync();
        Assert.Equal(new RatingSummary(archived, 4m, 2, Stars(three: 1, five: 1)), await _shop.SummaryAsync(archived));
    }

    [Fact]
    public async Task The_author_still_has_their_reviews_of_an_archived_product()
    {
        var (_, _, author) = await ArchivedProductAsync();
        Assert.Equal(2, (await _shop.MineAsync(author)).Count);
    }

    [Fact]
    public async Task Archiving_a_product_leaves_other_products_reviews_listed()
    {
        var (_, kept, _) = await ArchivedProductAsync();
        Assert.Equal(1, (await _shop.ListAsync(kept)).Total);
    }
}
