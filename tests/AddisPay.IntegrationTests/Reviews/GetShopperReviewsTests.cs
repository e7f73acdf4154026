using AddisPay.Reviews.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>A shop front reads the shopper's own reviews of the products on a page through Reviews' Contracts (<see cref="GetShopperReviews"/>).</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class GetShopperReviewsTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    [Fact]
    public async Task A_shopper_gets_their_own_reviews_of_the_products_asked_about()
    {
        var product = await _shop.NewProductAsync();
        var author = Customer.New();
        var written = await _shop.WriteAsync(product, author);
        await using var scope = platform.Factory.Services.CreateAsyncScope();

        var mine = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetShopperReviews(author.Id, [product, Guid.NewGuid()]));
        Assert.Equal([written.Id], mine.Select(r => r.ReviewId));
    }

    [Fact]
    public async Task A_shopper_gets_no_review_another_shopper_wrote()
    {
        var product = await _shop.NewProductAsync();
        await _shop.WriteAsync(product, Customer.New());
        await using var scope = platform.Factory.Services.CreateAsyncScope();

        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetShopperReviews(Guid.NewGuid(), [product])));
    }
}
