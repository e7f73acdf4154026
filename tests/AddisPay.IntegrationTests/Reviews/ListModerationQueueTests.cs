using AddisPay.Reviews.ListModerationQueue;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>The moderation queue over the API (GET /api/reviews/moderation): staff only.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class ListModerationQueueTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    [Fact]
    public async Task A_review_hidden_by_reports_waits_in_the_reported_queue_with_their_reasons()
    {
        var (_, _, review) = await _shop.ReviewHiddenByReportsAsync();

        using var r = await _shop.SendAsync(HttpMethod.Get, "/api/reviews/moderation?status=reported&pageSize=100", Tokens.Admin());
        var queue = (await r.Content.ReadFromJsonAsync<ModerationPage>(ReviewShop.Json))!;
        var item = Assert.Single(queue.Items, i => i.Review.Id == review.Id);
        Assert.Equal(new[] { "fake", "offensive" }, item.Reports.Select(r => r.Reason).Order());
    }

    [Fact]
    public async Task A_shopper_cannot_read_the_moderation_queue() =>
        await _shop.ExpectAsync(HttpMethod.Get, "/api/reviews/moderation", Customer.New().Token, HttpStatusCode.Forbidden);
}
