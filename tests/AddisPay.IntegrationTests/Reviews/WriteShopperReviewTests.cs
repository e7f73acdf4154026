using AddisPay.Reviews.Contracts;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>A shop front writes a shopper's review through Reviews' Contracts (<see cref="WriteShopperReview"/>): retry-safe, the API's rules.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class WriteShopperReviewTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    private async Task<WriteShopperReview> ReviewOfANewProductAsync() =>
        new(Guid.NewGuid(), await _shop.NewProductAsync(), 4, "Good coffee", "Bright and floral, arrived fresh.", "am");

    private async Task<T> SendAsync<T>(ICommand<T> request)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    [Fact]
    public async Task A_shop_fronts_review_is_published_with_its_rating_and_language()
    {
        var write = await ReviewOfANewProductAsync();
        var written = await SendAsync(write);
        Assert.Equal((write.ProductId, 4, "published", "am"), (written.ProductId, written.Rating, written.Status, written.Language));
    }

    [Fact]
    public async Task A_shop_fronts_retried_review_answers_the_one_already_written()
    {
        var write = await ReviewOfANewProductAsync();
        var written = await SendAsync(write);
        Assert.Equal(written.ReviewId, (await SendAsync(write)).ReviewId); // a retry after a lost answer: the same review, not a second one
    }

    [Fact]
    public async Task A_shop_fronts_second_review_in_other_words_is_a_conflict()
    {
        var write = await ReviewOfANewProductAsync();
        await SendAsync(write);
        await Assert.ThrowsAsync<ConflictException>(async () => await SendAsync(write with { Rating = 2 }));
    }

    [Fact]
    public async Task A_shop_fronts_invalid_review_is_refused_naming_each_field_at_fault()
    {
        var write = await ReviewOfANewProductAsync();
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await SendAsync(write with { Rating = 0, Text = "Short" }));
        Assert.Equal(["rating", "text"], refused.Errors.Keys.Order());
    }
}
