using AddisPay.Orders.Domain;

namespace AddisPay.UnitTests.Orders;

/// <summary>How long after delivery goods may be returned.</summary>
public sealed class ReturnWindowTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FourteenDays = TimeSpan.FromDays(14);

    [Fact]
    public void The_window_is_open_from_delivery_to_the_last_instant_of_its_length()
    {
        Assert.True(ReturnWindow.IsOpen(Delivered, Delivered, FourteenDays));
        Assert.True(ReturnWindow.IsOpen(Delivered, Delivered + FourteenDays, FourteenDays));
        Assert.False(ReturnWindow.IsOpen(Delivered, Delivered + FourteenDays + TimeSpan.FromSeconds(1), FourteenDays));
    }

    [Fact]
    public void An_order_never_delivered_has_no_window()
    {
        Assert.False(ReturnWindow.IsOpen(null, Delivered, FourteenDays));
        Assert.Null(ReturnWindow.DeliveredAt([new OrderStep(OrderStatus.Processing, OrderStatus.Shipped, Delivered, "admin:1", null)]));
    }

    [Fact]
    public void Delivery_is_the_step_into_delivered_not_a_later_note()
    {
        var timeline = new[]
        {
            new OrderStep(OrderStatus.Shipped, OrderStatus.Delivered, Delivered, "admin:1", "Delivered"),
            new OrderStep(OrderStatus.Delivered, OrderStatus.Delivered, Delivered.AddDays(3), "customer:1", "Return requested"),
        };

        Assert.Equal(Delivered, ReturnWindow.DeliveredAt(timeline));
    }
}
