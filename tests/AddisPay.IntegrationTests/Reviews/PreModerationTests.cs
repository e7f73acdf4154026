using AddisPay.Reviews.Domain;
using AddisPay.Reviews.GetRatingSummary;
using AddisPay.Reviews.ListModerationQueue;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>
/// Writing, reading, approving and editing a review where the shop pre-moderates: new and edited reviews wait for approval.
/// One class for the setting, as its platform is its own (<see cref="PreModeratedReviewsPlatform"/>).
/// </summary>
[Collection(PreModeratedReviewsPlatform.Collection)]
public sealed class PreModerationTests(PreModeratedReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    private async Task<(Guid Product, Customer Author, ReviewView Review)> PendingReviewAsync()
    {
        var product = await _shop.NewProductAsync();
        var customer = Customer.New();
        return (product, customer, await _shop.WriteAsync(product, customer, rating: 5));
    }

    private async Task<(Guid Product, Customer Author, ReviewView Review)> ApprovedReviewAsync()
    {
        var (product, author, review) = await PendingReviewAsync();
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/restore", Tokens.Admin(), HttpStatusCode.OK);
        return (product, author, review);
    }

    private async Task<ReviewView> EditAsync(ReviewView review, Customer author)
    {
        using var edit = await _shop.SendAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", author.Token, Body(1));
        return (await edit.Content.ReadFromJsonAsync<ReviewView>(Json))!;
    }

    [Fact]
    public async Task Under_pre_moderation_a_new_review_is_pending() =>
        Assert.Equal(ReviewStatus.Pending, (await PendingReviewAsync()).Review.Status);

    [Fact]
    public async Task Under_pre_moderation_a_pending_review_is_not_listed()
    {
        var (product, _, _) = await PendingReviewAsync();
        Assert.Equal(0, (await _shop.ListAsync(product)).Total);
    }

    [Fact]
    public async Task Under_pre_moderation_a_pending_review_is_not_counted_in_the_summary()
    {
        var (product, _, _) = await PendingReviewAsync();
        Assert.Equal(0, (await _shop.SummaryAsync(product)).Count);
    }

    [Fact]
    public async Task Under_pre_moderation_the_author_sees_their_review_pending()
    {
        var (_, author, _) = await PendingReviewAsync();
        Assert.Equal(ReviewStatus.Pending, Assert.Single(await _shop.MineAsync(author)).Status);
    }

    [Fact]
    public async Task Under_pre_moderation_a_pending_review_is_a_404_to_anyone_but_its_author()
    {
        var (_, author, review) = await PendingReviewAsync();
        using (var anonymous = await _shop.Http.GetAsync($"/api/reviews/{review.Id}")) Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        using (var own = await _shop.SendAsync(HttpMethod.Get, $"/api/reviews/{review.Id}", author.Token)) Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Under_pre_moderation_a_new_review_waits_in_the_pending_queue()
    {
        var (_, _, review) = await PendingReviewAsync();
        using var r = await _shop.SendAsync(HttpMethod.Get, "/api/reviews/moderation?status=pending&pageSize=100", Tokens.Admin());
        var pending = (await r.Content.ReadFromJsonAsync<ModerationPage>(Json))!;
        // Other tests of this platform left reviews pending too: this one is in the queue once.
        Assert.Single(pending.Items, i => i.Review.Id == review.Id);
    }

    [Fact]
    public async Task Under_pre_moderation_an_approved_review_is_listed()
    {
        var (product, _, _) = await ApprovedReviewAsync();
        Assert.Equal(1, (await _shop.ListAsync(product)).Total);
    }

    [Fact]
    public async Task Under_pre_moderation_an_approved_review_counts_in_the_summary()
    {
        var (product, _, _) = await ApprovedReviewAsync();
        Assert.Equal(new RatingSummary(product, 5m, 1, Stars(five: 1)), await _shop.SummaryAsync(product));
    }

    [Fact]
    public async Task Under_pre_moderation_an_edited_review_waits_for_approval_again()
    {
        var (_, author, review) = await ApprovedReviewAsync();
        Assert.Equal(ReviewStatus.Pending, (await EditAsync(review, author)).Status);
    }

    [Fact]
    public async Task Under_pre_moderation_an_edited_review_leaves_the_listing_and_the_summary_until_approved()
    {
        var (product, author, review) = await ApprovedReviewAsync();
        await EditAsync(review, author);
        Assert.Equal(0, (await _shop.ListAsync(product)).Total);
        Assert.Equal(0, (await _shop.SummaryAsync(product)).Count);
    }
}
