using AddisPay.Orders.Domain;

namespace AddisPay.UnitTests.Orders;

/// <summary>Where a confirmed refund leaves an order: money and fulfilment kept apart (Order.StatusAfterRefund).</summary>
public sealed class OrderRefundStatusTests
{
    [Theory]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Processing)]
    [InlineData(OrderStatus.Shipped)]
    public void A_partial_refund_before_delivery_keeps_the_order_on_its_way(OrderStatus status) =>
        Assert.Null(Order.StatusAfterRefund(status, null, full: false));

    [Fact]
    public void A_partly_refunded_order_not_yet_shipped_can_still_ship_and_be_delivered()
    {
        var order = new Order { Number = "AP-20261205-0042", Status = OrderStatus.Processing };
        Assert.Null(Order.StatusAfterRefund(order.Status, null, full: false));
        order.MoveTo(OrderStatus.Shipped, "admin:1", DateTimeOffset.UnixEpoch);
        order.MoveTo(OrderStatus.Delivered, "admin:1", DateTimeOffset.UnixEpoch);
        Assert.Equal(OrderStatus.Delivered, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.PartiallyRefunded)]
    public void A_partial_refund_after_delivery_makes_it_partially_refunded(OrderStatus status) =>
        Assert.Equal(OrderStatus.PartiallyRefunded, Order.StatusAfterRefund(status, null, full: false));

    [Theory]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.RefundRequested)]
    [InlineData(OrderStatus.PartiallyRefunded)]
    public void All_of_the_money_back_makes_it_refunded_whatever_the_goods(OrderStatus status) =>
        Assert.Equal(OrderStatus.Refunded, Order.StatusAfterRefund(status, OrderStatus.Processing, full: true));

    [Theory]
    [InlineData(OrderStatus.Paid, OrderStatus.Paid)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered, OrderStatus.PartiallyRefunded)]
    public void A_refund_request_answered_with_part_of_the_money_goes_back_to_where_the_order_was(OrderStatus before, OrderStatus expected)
    {
        var order = new Order { Number = "AP-20261205-0042", Status = OrderStatus.RefundRequested, StatusBeforeRefundRequest = before };
        var to = Order.StatusAfterRefund(order.Status, order.StatusBeforeRefundRequest, full: false);
        Assert.Equal(expected, to);
        order.MoveTo(to!.Value, "payments", DateTimeOffset.UnixEpoch);
    }
}
