using AddisPay.IntegrationTests.Payments;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Orders not paid within the payment window are cancelled, unless their payment came and waits for an operator.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class ExpireUnpaidOrdersTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    [Fact]
    public async Task An_unpaid_order_whose_payment_is_parked_as_a_dead_letter_is_not_cancelled_when_its_window_closes()
    {
        var product = await _shop.Shop.CreateProductAsync(PaymentShop.NewSku("PARK"), 250m, stock: 5);
        var buyer = await Buyer.SignUpAsync(_shop.Http);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 1));
        var session = await buyer.PayAsync(order.Id);
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        async Task<long> ScalarAsync(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("order", order.Id);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }
        // Products can no longer settle the hold, so Orders' handler of the payment fails until it parks the event.
        await ScalarAsync("""delete from products.reservations where "Id" = @order""");
        using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await Eventually.Until(() => ScalarAsync("""
            select count(*) from orders.inbox_dead_letters d join events.mt_events e on e.seq_id = d.sequence
             where e.stream_id = @order and d.event_type = 'payments.payment_succeeded'
            """), n => n == 1, "the payment to be dead-lettered in Orders' inbox");

        // The payment window closes. The customer has paid: the order waits for an operator, it is not cancelled.
        await ScalarAsync("""update orders.orders set "PaymentDueBy" = now() - interval '1 minute' where "Id" = @order""");
        var expiry = platform.Factory.Services.GetRequiredService<AddisPay.Orders.ExpireUnpaidOrders.UnpaidOrderExpiry>();
        await expiry.SweepAsync(CancellationToken.None);
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);
    }
}
