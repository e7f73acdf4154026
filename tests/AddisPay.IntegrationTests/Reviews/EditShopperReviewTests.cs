using AddisPay.Reviews.Contracts;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>A shop front edits the shopper's review through Reviews' Contracts (<see cref="EditShopperReview"/>): the author's only.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class EditShopperReviewTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    private async Task<ShopperReview> EditAsync(EditShopperReview edit)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(edit);
    }

    [Fact]
    public async Task A_shopper_edits_their_review_through_the_shop_front()
    {
        var author = Customer.New();
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), author);
        Assert.Equal(5, (await EditAsync(new EditShopperReview(author.Id, review.Id, 5, "Better", "Even better the second week.", "en"))).Rating);
    }

    [Fact]
    public async Task Another_shoppers_edit_through_the_shop_front_is_not_found()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New());
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await EditAsync(new EditShopperReview(Guid.NewGuid(), review.Id, 1, "Not mine", "Someone else's review, rewritten.", "en")));
    }
}
