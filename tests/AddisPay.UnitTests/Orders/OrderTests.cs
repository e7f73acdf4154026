using AddisPay.Orders.Contracts;
using AddisPay.Orders.Domain;
using AddisPay.Shared.Contracts;

namespace AddisPay.UnitTests.Orders;

/// <summary>An order's life cycle: which status changes it allows, which it refuses (409), and the timeline it keeps.</summary>
public sealed class OrderTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(3));

    private static Order In(OrderStatus status) => new() { Id = Guid.NewGuid(), Number = "AP-20261205-0042", Status = status };

    [Fact]
    public void Paying_a_pending_order_makes_it_paid_and_writes_the_step_on_the_timeline()
    {
        var order = In(OrderStatus.PendingPayment);
        order.MoveTo(OrderStatus.Paid, "payments", At, "Paid with telebirr");

        Assert.Equal(OrderStatus.Paid, order.Status);
        var step = Assert.Single(order.Timeline);
        Assert.Equal(new OrderStep(OrderStatus.PendingPayment, OrderStatus.Paid, At, "payments", "Paid with telebirr"), step);
    }

    [Fact]
    public void A_paid_order_goes_through_processing_and_shipping_to_delivered()
    {
        var order = In(OrderStatus.Paid);
        order.MoveTo(OrderStatus.Processing, "admin:1", At);
        order.MoveTo(OrderStatus.Shipped, "admin:1", At.AddHours(2));
        order.MoveTo(OrderStatus.Delivered, "admin:1", At.AddDays(1));

        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Equal([OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered], order.Timeline.Select(s => s.To));
        Assert.Equal([OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped], order.Timeline.Select(s => s.From));
    }

    [Fact]
    public void Paying_an_order_twice_is_refused()
    {
        var order = In(OrderStatus.Paid);
        var refused = Assert.Throws<ConflictException>(() => order.MoveTo(OrderStatus.Paid, "payments", At));
        Assert.Equal(409, refused.StatusCode);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Empty(order.Timeline);
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Processing)]
    public void An_order_can_be_cancelled_until_it_ships(OrderStatus status)
    {
        var order = In(status);
        order.MoveTo(OrderStatus.Cancelled, "customer:1", At, "Changed my mind");
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.RefundRequested)]
    [InlineData(OrderStatus.PartiallyRefunded)]
    public void An_order_that_has_shipped_or_is_being_refunded_cannot_be_cancelled(OrderStatus status)
    {
        var order = In(status);
        Assert.False(order.CanMoveTo(OrderStatus.Cancelled));
        Assert.Throws<ConflictException>(() => order.MoveTo(OrderStatus.Cancelled, "customer:1", At));
        Assert.Equal(status, order.Status);
    }

    [Fact]
    public void The_refusal_names_the_order_and_both_statuses_in_words()
    {
        var refused = Assert.Throws<ConflictException>(() => In(OrderStatus.Shipped).MoveTo(OrderStatus.Cancelled, "customer:1", At));
        Assert.Equal("Order AP-20261205-0042 is shipped and can't become cancelled.", refused.Message);

        var unpaid = Assert.Throws<ConflictException>(() => In(OrderStatus.PendingPayment).MoveTo(OrderStatus.RefundRequested, "customer:1", At));
        Assert.Equal("Order AP-20261205-0042 is pending payment and can't become refund requested.", unpaid.Message);
    }

    [Theory]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Processing)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.RefundRequested)]
    [InlineData(OrderStatus.PartiallyRefunded)]
    [InlineData(OrderStatus.Refunded)]
    public void An_unpaid_order_can_only_be_paid_or_cancelled(OrderStatus to) =>
        Assert.False(In(OrderStatus.PendingPayment).CanMoveTo(to));

    [Fact]
    public void An_unpaid_order_cannot_skip_payment_and_ship()
    {
        var order = In(OrderStatus.PendingPayment);
        Assert.Throws<ConflictException>(() => order.MoveTo(OrderStatus.Shipped, "admin:1", At));
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Paid, OrderStatus.Shipped)]       // not prepared yet
    [InlineData(OrderStatus.Paid, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Processing, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Processing)] // no way back
    [InlineData(OrderStatus.Delivered, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Paid, OrderStatus.PendingPayment)]
    public void Fulfilment_moves_one_step_forward_at_a_time(OrderStatus from, OrderStatus to) =>
        Assert.False(In(from).CanMoveTo(to));

    [Theory]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Refunded)]
    public void A_cancelled_or_fully_refunded_order_is_final(OrderStatus final)
    {
        foreach (var to in Enum.GetValues<OrderStatus>())
        {
            Assert.False(In(final).CanMoveTo(to), $"{final} -> {to}");
            Assert.Throws<ConflictException>(() => In(final).MoveTo(to, "admin:1", At));
        }
    }

    [Theory]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Processing)]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered)]
    public void A_paid_order_can_ask_for_a_refund_and_a_declined_request_returns_where_it_was(OrderStatus status)
    {
        var order = In(status);
        order.MoveTo(OrderStatus.RefundRequested, "customer:1", At);
        order.MoveTo(status, "admin:1", At.AddHours(1), "Refund declined");

        Assert.Equal(status, order.Status);
        Assert.Equal([OrderStatus.RefundRequested, status], order.Timeline.Select(s => s.To));
    }

    [Fact]
    public void A_partly_refunded_order_can_be_refunded_again_in_part_or_in_full()
    {
        var order = In(OrderStatus.Delivered);
        order.MoveTo(OrderStatus.PartiallyRefunded, "admin:1", At);
        order.MoveTo(OrderStatus.PartiallyRefunded, "admin:1", At.AddHours(1));
        order.MoveTo(OrderStatus.Refunded, "admin:1", At.AddHours(2));

        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(3, order.Timeline.Count);
    }

    [Fact]
    public void A_partly_refunded_order_cannot_go_back_to_fulfilment()
    {
        var order = In(OrderStatus.PartiallyRefunded);
        Assert.False(order.CanMoveTo(OrderStatus.Shipped));
        Assert.False(order.CanMoveTo(OrderStatus.Delivered));
        Assert.False(order.CanMoveTo(OrderStatus.Paid));
    }

    [Fact]
    public void A_note_goes_on_the_timeline_with_what_happened_without_changing_the_status()
    {
        var order = In(OrderStatus.Shipped);
        order.Note(OrderTrackingEvents.RefundIssued, "admin:7", At, "Refund of 150.00 ETB issued");

        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Equal(new OrderStep(OrderStatus.Shipped, OrderStatus.Shipped, At, "admin:7", "Refund of 150.00 ETB issued", OrderTrackingEvents.RefundIssued),
            Assert.Single(order.Timeline));
    }

    [Fact]
    public void An_order_was_paid_once_a_payment_time_is_recorded_whatever_its_status_now()
    {
        var order = In(OrderStatus.Cancelled);
        Assert.False(order.WasPaid);
        order.PaidAt = At;
        Assert.True(order.WasPaid);
    }

    [Fact]
    public void The_amounts_are_the_orders_subtotal_discount_shipping_VAT_and_total()
    {
        var order = new Order { SubtotalEtb = 1000m, DiscountEtb = 100m, ShippingEtb = 250m, VatEtb = 172.50m, TotalEtb = 1322.50m };
        Assert.Equal(new OrderAmounts(1000m, 100m, 250m, 172.50m, 1322.50m), order.Amounts);
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment, "pending payment")]
    [InlineData(OrderStatus.RefundRequested, "refund requested")]
    [InlineData(OrderStatus.PartiallyRefunded, "partially refunded")]
    [InlineData(OrderStatus.Shipped, "shipped")]
    public void Statuses_are_described_in_plain_words(OrderStatus status, string words) =>
        Assert.Equal(words, Order.Describe(status));
}
