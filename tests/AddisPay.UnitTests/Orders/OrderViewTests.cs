using AddisPay.Orders.Domain;

namespace AddisPay.UnitTests.Orders;

/// <summary>Order statuses as the API names them (snake_case), and back.</summary>
public sealed class OrderViewTests
{
    [Theory]
    [InlineData(OrderStatus.PendingPayment, "pending_payment")]
    [InlineData(OrderStatus.RefundRequested, "refund_requested")]
    [InlineData(OrderStatus.PartiallyRefunded, "partially_refunded")]
    [InlineData(OrderStatus.Delivered, "delivered")]
    public void Statuses_are_named_in_snake_case(OrderStatus status, string name) => Assert.Equal(name, OrderView.StatusName(status));

    [Theory]
    [InlineData("pending_payment", OrderStatus.PendingPayment)]
    [InlineData("SHIPPED", OrderStatus.Shipped)]
    [InlineData("Refund_Requested", OrderStatus.RefundRequested)]
    public void A_status_filter_is_read_whatever_its_letter_case(string name, OrderStatus status)
    {
        Assert.True(OrderView.TryParseStatus(name, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData("PendingPayment")] // the C# name is not the API's
    [InlineData("pending payment")]
    [InlineData("lost")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_status_name_is_not_read(string? name) => Assert.False(OrderView.TryParseStatus(name, out _));

    [Fact]
    public void The_view_shows_the_timeline_with_status_names_and_the_current_VAT_rate()
    {
        var order = new Order { Number = "AP-1", Status = OrderStatus.PendingPayment };
        var at = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        order.MoveTo(OrderStatus.Paid, "payments", at, "Paid");

        var view = OrderView.From(order);

        Assert.Equal("paid", view.Status);
        Assert.Equal(new TimelineEntry("paid", at, "payments", "Paid"), Assert.Single(view.Timeline));
        Assert.Equal(0.15m, view.VatRate);
        Assert.Empty(view.Refunds);
    }
}
