using AddisPay.Cart.Domain;
using AddisPay.Shared.Events;
using Npgsql;

namespace AddisPay.IntegrationTests.Scenarios;

/// <summary>
/// The thin slice that proves the foundation, run both with every module in one process and with
/// Products and Cart in separate processes: Cart prices a line through Products' Contracts, then
/// every price change Products publishes reaches the cart exactly once and in order.
/// </summary>
public static class PriceChangeScenario
{
    public static async Task<(Guid CartId, decimal[] Prices)> RunAsync(Shop shop, string connectionString, int changes,
        Func<int, Task>? afterChange = null)
    {
        var product = await shop.CreateProductAsync($"SLICE-{Guid.NewGuid():N}"[..20], 100.00m, stock: 50);
        var cart = await shop.CreateCartAsync();

        using (var added = await shop.AddItemAsync(cart.Id, product.Id, 2))
            await Shop.Expect(added, HttpStatusCode.OK);
        var filled = await shop.GetCartAsync(cart.Id);
        var line = Assert.Single(filled.Lines);
        Assert.Equal(100.00m, line.UnitPriceEtb);
        Assert.Equal(200.00m, filled.SubtotalEtb);
        Assert.Equal(30.00m, filled.VatEtb);
        Assert.Equal(230.00m, filled.TotalEtb);

        var prices = Enumerable.Range(1, changes).Select(i => 100.00m + i * 1.25m).ToArray();
        for (var i = 0; i < prices.Length; i++)
        {
            await shop.ChangePriceAsync(product.Id, prices[i]);
            if (afterChange is not null) await afterChange(i);
        }

        await WaitForInboxToDrainAsync(connectionString);
        var final = await Eventually.Until(() => shop.GetCartAsync(cart.Id),
            c => c.Notices.Count >= changes, $"{changes} price notices in the cart");

        AssertAppliedOnceInOrder(final, prices);
        return (cart.Id, prices);
    }

    public static void AssertAppliedOnceInOrder(CartView cart, decimal[] prices)
    {
        Assert.Equal(prices.Length, cart.Notices.Count); // none applied twice
        Assert.Equal(prices.Length, cart.Notices.Select(n => n.EventId).Distinct().Count());
        Assert.Equal(prices, cart.Notices.Select(n => n.NewPriceEtb).ToArray()); // in publication order
        Assert.Equal(new[] { 100.00m }.Concat(prices[..^1]).ToArray(), cart.Notices.Select(n => n.OldPriceEtb).ToArray());
        var line = Assert.Single(cart.Lines);
        Assert.Equal(prices[^1], line.UnitPriceEtb);
        Assert.Equal(prices[^1] * 2, cart.SubtotalEtb);
    }

    /// <summary>Waits until the cart inbox has processed every price event in the log.</summary>
    public static async Task WaitForInboxToDrainAsync(string connectionString, TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.Until(() => SubscriptionMonitor.ReadAsync(connectionString, CartInbox, CancellationToken.None),
                s => s.Backlog == 0 && s.Position > 0, "the cart inbox to catch up", timeout);
        }
        catch (TimeoutException ex)
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select string_agg(name || '=' || last_seq_id || '/' || coalesce(mode,'') || '/' || coalesce(agent_status,''), '; ') from events.mt_event_progression", conn);
            throw new TimeoutException($"{ex.Message} Progression: {await cmd.ExecuteScalarAsync()}", ex);
        }
    }

    public static readonly InboxDescriptor CartInbox = new("cart", ModuleInbox.SubscriptionName("cart"), ["products.product_price_changed"]);

    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
