using AddisPay.Orders.Contracts;
using AddisPay.Orders.Data;
using AddisPay.Orders.Domain;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Orders;

/// <summary><see cref="OrderSql"/> against the mapping of <see cref="OrdersDbContext"/> (<c>select *, xmin</c> as the entity).</summary>
[Collection(SqlFamilies.Collection)]
public sealed class OrderSqlTests(SqlFamilies platform)
{
    private static readonly DateTimeOffset At = SqlFamilies.Now;

    [Fact]
    public async Task An_order_saved_through_the_context_reads_back_the_same_through_the_lock()
    {
        var order = NewOrder(Guid.NewGuid());
        await platform.SaveAsync<OrdersDbContext>(order);
        var version = await platform.WithContextAsync<OrdersDbContext, uint>(db => db.Orders.Where(o => o.Id == order.Id).Select(o => o.Version).SingleAsync());

        var locked = await platform.InWorkAsync<OrdersDbContext, Order?>(work => OrderSql.LockAsync(work.Db, order.Id, CancellationToken.None));

        Assert.NotNull(locked);
        Assert.Equal((order.Number, order.CustomerId, order.CartId, order.Status, order.CouponCode, version),
            (locked.Number, locked.CustomerId, locked.CartId, locked.Status, locked.CouponCode, locked.Version));
        Assert.Equal(order.Amounts, locked.Amounts);
        Assert.Equal((order.PlacedAt, order.PaymentDueBy, order.PaidAt), (locked.PlacedAt, locked.PaymentDueBy, locked.PaidAt));
        Assert.Equal(order.Lines, locked.Lines);
        Assert.Equal(order.Timeline, locked.Timeline);
        Assert.Equal((order.ShippingAddress.Recipient, order.ShippingAddress.Phone, order.ShippingAddress.Region, order.ShippingAddress.SubCity, order.ShippingAddress.Woreda),
            (locked.ShippingAddress.Recipient, locked.ShippingAddress.Phone, locked.ShippingAddress.Region, locked.ShippingAddress.SubCity, locked.ShippingAddress.Woreda));
    }

    [Fact]
    public async Task A_customers_orders_saved_through_the_context_are_locked_in_id_order()
    {
        var customer = Guid.NewGuid();
        // Ids whose order .NET and PostgreSQL agree on (their first bytes differ).
        var (first, second) = (NewOrder(customer, IdStarting("10000000")), NewOrder(customer, IdStarting("20000000")));
        await platform.SaveAsync<OrdersDbContext>(second, first);

        var locked = await platform.InWorkAsync<OrdersDbContext, List<Guid>>(work =>
            OrderSql.LockedOfCustomer(work.Db, customer).AsNoTracking().Select(o => o.Id).ToListAsync());

        Assert.Equal([first.Id, second.Id], locked);
    }

    [Fact]
    public async Task An_overdue_unpaid_order_saved_through_the_context_is_found_by_the_sweepers_lock_unless_excepted()
    {
        var overdue = NewOrder(Guid.NewGuid());
        // Overdue only at a "now" the platform's own sweeper has not reached, and before the other tests' orders fall due.
        overdue.PaymentDueBy = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await platform.SaveAsync<OrdersDbContext>(overdue);
        var now = overdue.PaymentDueBy.AddSeconds(1);

        var found = await platform.InWorkAsync<OrdersDbContext, Guid?>(async work =>
            (await OrderSql.NextOverdueAsync(work.Db, now, [], CancellationToken.None))?.Id);
        var excepted = await platform.InWorkAsync<OrdersDbContext, Guid?>(async work =>
            (await OrderSql.NextOverdueAsync(work.Db, now, [overdue.Id], CancellationToken.None))?.Id);

        Assert.Equal(overdue.Id, found);
        Assert.Null(excepted);
    }

    private static Guid IdStarting(string first8) => Guid.Parse(first8 + Guid.NewGuid().ToString()[8..]);

    private static Order NewOrder(Guid customer, Guid? orderId = null)
    {
        var id = orderId ?? Guid.NewGuid();
        var order = new Order
        {
            Id = id, Number = $"SQL{Guid.NewGuid():N}"[..20], CustomerId = customer, CartId = Guid.NewGuid(), Status = OrderStatus.PendingPayment,
            Lines = [new OrderLine(Guid.NewGuid(), "SQL-SKU-1", "Coffee", "ቡና", 2, 450.50m, 901.00m)],
            SubtotalEtb = 901.00m, DiscountEtb = 0m, ShippingEtb = 150m, VatEtb = 157.65m, TotalEtb = 1208.65m, CouponCode = null,
            ShippingAddress = new ShippingAddress { Recipient = "Abebe Bikila", Phone = "+251911234567", Region = "Addis Ababa", City = "Addis Ababa", SubCity = "Bole", Woreda = null, Details = "House 12" },
            PlacedAt = At, PaymentDueBy = new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero) // never swept while the tests run
        };
        order.Timeline.Add(new OrderStep(OrderStatus.PendingPayment, OrderStatus.PendingPayment, At, Actors.Customer(customer), "Order placed", "placed"));
        return order;
    }
}
