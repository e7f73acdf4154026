using AddisPay.Orders.Contracts;
using AddisPay.Reviews.Contracts;
using AddisPay.Storefront.Shopping;

namespace AddisPay.UnitTests.Storefront;

/// <summary>Which orders offer reviews of their products, and what a review form's stars mean.</summary>
public sealed class OrderReviewsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(3));
    private static readonly Guid Coffee = Guid.NewGuid(), Shawl = Guid.NewGuid();

    private static OrderTrackingStep[] Through(params string[] statuses) =>
        statuses.Select((s, i) => new OrderTrackingStep(s, Monday.AddDays(i), null)).ToArray();

    private static OrderLine Line(Guid product, string sku) => new(product, sku, "Name", "ስም", 1, 100m, 100m);

    [Fact]
    public void A_delivered_order_offers_reviews() =>
        Assert.True(OrderReviews.WasDelivered(Through("pending_payment", "paid", "processing", "shipped", "delivered")));

    [Fact]
    public void An_order_with_a_refund_asked_after_delivery_still_offers_reviews() =>
        Assert.True(OrderReviews.WasDelivered(Through("pending_payment", "paid", "processing", "shipped", "delivered", "refund_requested")));

    [Theory]
    [InlineData("pending_payment", "paid")]
    [InlineData("pending_payment", "paid", "processing", "shipped")]
    [InlineData("pending_payment", "paid", "cancelled", "refunded")]
    public void An_order_not_yet_delivered_offers_none(params string[] statuses) => Assert.False(OrderReviews.WasDelivered(Through(statuses)));

    [Fact]
    public void Two_variants_of_one_product_share_one_review()
    {
        var lines = new[] { Line(Coffee, "COF-250"), Line(Coffee, "COF-500"), Line(Shawl, "NET-1") };
        Assert.Equal([Coffee, Shawl], OrderReviews.Products(lines));

        var review = new ShopperReview(Guid.NewGuid(), Coffee, 4, "Good", "Good coffee, fresh.", "en", "published", true, Monday);
        Assert.Same(review, OrderReviews.Of(lines[1], [review]));
        Assert.Null(OrderReviews.Of(lines[2], [review]));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("5", 5)]
    [InlineData("0", 0)]
    [InlineData("6", 0)]
    [InlineData("five", 0)]
    [InlineData(null, 0)]
    public void A_posted_rating_counts_only_from_one_to_five_stars(string? posted, int stars) => Assert.Equal(stars, OrderReviews.Stars(posted));

    [Fact]
    public void The_review_page_is_under_the_order_it_came_with() =>
        Assert.Equal($"/account/orders/AP000123/review/{Coffee}", OrderReviews.Page("AP000123", Coffee));
}
