using AddisPay.Orders.Contracts;
using AddisPay.Storefront.Shopping;

namespace AddisPay.UnitTests.Storefront;

/// <summary>What an order's tracking timeline says at each step.</summary>
public sealed class OrderTimelineTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(3));

    [Theory]
    [InlineData(OrderTrackingEvents.ReturnRequested, "en", "Return asked for")]
    [InlineData(OrderTrackingEvents.ReturnApproved, "am", "መመለሱ ጸድቋል")]
    [InlineData(OrderTrackingEvents.ReturnReceived, "en", "Returned items received")]
    [InlineData(OrderTrackingEvents.Refunded, "am", "ገንዘቡ ተመልሷል")]
    public void A_step_that_kept_the_status_says_what_happened_in_the_shoppers_language(string happened, string language, string label) =>
        Assert.Equal(label, OrderTimeline.Label(new OrderTrackingStep("delivered", At, "Orders' English note", happened), language));

    [Fact]
    public void A_status_change_says_the_status_reached() =>
        Assert.Equal("ተልኳል", OrderTimeline.Label(new OrderTrackingStep("shipped", At, null), "am"));

    [Fact]
    public void An_event_the_shop_has_no_words_for_says_the_status_rather_than_a_key() =>
        Assert.Equal("Delivered", OrderTimeline.Label(new OrderTrackingStep("delivered", At, "Something new", "something_new"), "en"));

    [Fact]
    public void Every_event_Orders_names_has_words_in_the_shop()
    {
        var named = typeof(OrderTrackingEvents).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(named);
        Assert.All(named, e => Assert.True(ShopTexts.All.ContainsKey("timeline." + e), $"no words for the timeline event {e}"));
    }
}
