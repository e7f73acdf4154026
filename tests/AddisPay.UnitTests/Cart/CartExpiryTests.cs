using AddisPay.Cart.Domain;
using Microsoft.Extensions.Options;

namespace AddisPay.UnitTests.Cart;

/// <summary>When a cart has been idle too long: a visitor's after a week, a signed-in customer's after a month (by default).</summary>
public sealed class CartExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly CartExpiry Expiry = new(Options.Create(new CartExpiryOptions()), new FixedClock(Now));

    private static AddisPay.Cart.Domain.Cart IdleFor(TimeSpan idle, Guid? owner = null) => new() { OwnerId = owner, LastActiveAt = Now - idle };

    [Fact]
    public void A_visitors_cart_expires_after_seven_idle_days()
    {
        Assert.False(Expiry.HasExpired(IdleFor(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1))));
        Assert.True(Expiry.HasExpired(IdleFor(TimeSpan.FromDays(7))));
    }

    [Fact]
    public void A_customers_cart_outlives_a_visitors_and_expires_after_thirty_idle_days()
    {
        var customer = Guid.NewGuid();
        Assert.False(Expiry.HasExpired(IdleFor(TimeSpan.FromDays(8), customer)));
        Assert.False(Expiry.HasExpired(IdleFor(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), customer)));
        Assert.True(Expiry.HasExpired(IdleFor(TimeSpan.FromDays(30), customer)));
    }

    [Fact]
    public void A_late_event_judges_the_cart_as_of_when_it_happened()
    {
        var cart = IdleFor(TimeSpan.FromDays(10));
        Assert.True(Expiry.HasExpired(cart));
        Assert.False(Expiry.HasExpired(cart, asOf: Now - TimeSpan.FromDays(5)));
    }

    [Fact]
    public void The_idle_times_come_from_configuration()
    {
        var expiry = new CartExpiry(Options.Create(new CartExpiryOptions { Anonymous = TimeSpan.FromHours(1), Owned = TimeSpan.FromDays(2) }), new FixedClock(Now));
        Assert.True(expiry.HasExpired(IdleFor(TimeSpan.FromHours(1))));
        Assert.False(expiry.HasExpired(IdleFor(TimeSpan.FromDays(1), Guid.NewGuid())));
        Assert.True(expiry.HasExpired(IdleFor(TimeSpan.FromDays(2), Guid.NewGuid())));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
