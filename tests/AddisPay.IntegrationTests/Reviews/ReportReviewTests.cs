using AddisPay.Reviews.Domain;
using AddisPay.Reviews.GetRatingSummary;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>Shoppers report a review (POST /api/reviews/{id}/reports); reports from enough shoppers hide it until a moderator looks.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class ReportReviewTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    [Fact]
    public async Task A_shopper_cannot_report_their_own_review()
    {
        var author = Customer.New();
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), author, rating: 1);
        await _shop.ExpectAsync(HttpMethod.Post, ReportsUrl(review.Id), author.Token, HttpStatusCode.Forbidden, new { reason = "spam" });
    }

    [Fact]
    public async Task A_report_with_an_unknown_reason_is_a_400()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New(), rating: 1);
        await _shop.ExpectAsync(HttpMethod.Post, ReportsUrl(review.Id), Customer.New().Token, HttpStatusCode.BadRequest, new { reason = "boring" });
    }

    [Fact]
    public async Task One_shoppers_reports_count_once_and_leave_the_review_listed()
    {
        var product = await _shop.NewProductAsync();
        var review = await _shop.WriteAsync(product, Customer.New(), rating: 1);
        await _shop.WriteAsync(product, Customer.New(), rating: 5);
        var reporter = Customer.New();

        await _shop.ExpectAsync(HttpMethod.Post, ReportsUrl(review.Id), reporter.Token, HttpStatusCode.Accepted, new { reason = "fake", note = "Never sold here" });
        await _shop.ExpectAsync(HttpMethod.Post, ReportsUrl(review.Id), reporter.Token, HttpStatusCode.Accepted, new { reason = "spam" }); // the same person again
        Assert.Equal(2, (await _shop.ListAsync(product)).Total);
    }

    [Fact]
    public async Task Reports_from_enough_shoppers_take_a_review_out_of_the_listing()
    {
        var (product, _, _) = await _shop.ReviewHiddenByReportsAsync();
        Assert.Equal(new[] { 5 }, (await _shop.ListAsync(product)).Items.Select(r => r.Rating));
    }

    [Fact]
    public async Task Reports_from_enough_shoppers_take_a_review_out_of_the_summary()
    {
        var (product, _, _) = await _shop.ReviewHiddenByReportsAsync();
        Assert.Equal(new RatingSummary(product, 5m, 1, Stars(five: 1)), await _shop.SummaryAsync(product));
    }

    [Fact]
    public async Task The_author_still_sees_a_review_hidden_by_reports_and_that_it_was_reported()
    {
        var (_, author, _) = await _shop.ReviewHiddenByReportsAsync();
        Assert.Equal(ReviewStatus.Reported, Assert.Single(await _shop.MineAsync(author)).Status);
    }

    [Fact]
    public async Task After_a_restore_one_more_report_does_not_take_the_review_down_again_at_once()
    {
        var (product, _, review) = await _shop.ReviewHiddenByReportsAsync();
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/restore", Infrastructure.Tokens.Admin(), HttpStatusCode.OK);

        // The reports were dealt with.
        await _shop.ExpectAsync(HttpMethod.Post, ReportsUrl(review.Id), Customer.New().Token, HttpStatusCode.Accepted, new { reason = "spam" });
        Assert.Equal(2, (await _shop.ListAsync(product)).Total);
    }
}
