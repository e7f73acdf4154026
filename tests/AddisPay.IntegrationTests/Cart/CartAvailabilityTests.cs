using System.Net;
using AddisPay.Cart.Domain;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.IntegrationTests.Scenarios;
using AddisPay.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>Carts follow Products' stock and withdrawal events and tell the customer what changed.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CartAvailabilityTests(CatalogueAndCartPlatform platform)
{
    private readonly PlatformFactory _factory = platform.Factory;

    [Fact]
    public async Task A_cart_learns_when_its_product_runs_short_and_when_it_is_withdrawn()
    {
        var shop = _factory.Shop();
        var product = await shop.CreateProductAsync($"AVL-{Guid.NewGuid():N}"[..14], 80m, stock: 5);
        var cart = await shop.CreateCartAsync();
        (await shop.AddItemAsync(cart.Id, product.Id, 3)).Dispose();
        Assert.True(Assert.Single((await shop.GetCartAsync(cart.Id)).Lines).Purchasable);

        // Four units are written off: one is left, the cart holds three.
        using (var damaged = await shop.Products.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{product.Sku}/adjustments",
                   new { delta = -4, reason = "damaged" }, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, damaged.StatusCode);
        var shortOfStock = await Eventually.Until(() => shop.GetCartAsync(cart.Id), c => c.Lines[0].Available == 1, "the cart to see the new stock");
        Assert.False(shortOfStock.Lines[0].Purchasable);
        Assert.Equal(CartNotice.LowAvailability, Assert.Single(shortOfStock.Notices).Kind);

        using (var archive = await shop.Products.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{product.Id}/archive", null, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        var withdrawn = await Eventually.Until(() => shop.GetCartAsync(cart.Id), c => c.Notices.Count == 2, "the cart to see the withdrawal");
        Assert.Equal(CartNotice.Discontinued, withdrawn.Notices[1].Kind);
        Assert.Equal(0, withdrawn.Lines[0].Available);
        Assert.False(withdrawn.Lines[0].Purchasable);
    }

    [Fact]
    public async Task A_cart_saved_before_product_ids_had_their_own_column_is_found_again_after_the_migrate_step()
    {
        var shop = _factory.Shop();
        var product = await shop.CreateProductAsync($"MIG-{Guid.NewGuid():N}"[..14], 80m, stock: 20);
        var cart = await shop.CreateCartAsync();
        (await shop.AddItemAsync(cart.Id, product.Id, 2)).Dispose();

        // As a database from before the column has it: the row without product ids, and the old whole-document index.
        await ExecuteAsync(_factory.ConnectionString, $"""
            update cart.mt_doc_cart set product_ids = null where id = '{cart.Id}';
            create index mt_doc_cart_idx_data on cart.mt_doc_cart using gin (data jsonb_path_ops);
            """);
        await _factory.Services.GetRequiredService<MigrationRunner>().RunAsync(atStartup: false, CancellationToken.None);

        Assert.Equal(1, await PriceChangeScenario.CountAsync(_factory.ConnectionString,
            $"select count(*) from cart.mt_doc_cart where id = '{cart.Id}' and product_ids = array['{product.Id}'::uuid]"));
        Assert.Equal(0, await PriceChangeScenario.CountAsync(_factory.ConnectionString,
            "select count(*) from pg_indexes where schemaname = 'cart' and tablename = 'mt_doc_cart' and indexdef like '%USING gin (data%'"));
        await shop.ChangePriceAsync(product.Id, 95m);
        var repriced = await Eventually.Until(() => shop.GetCartAsync(cart.Id), c => c.Lines[0].UnitPriceEtb == 95m, "the price change to reach the cart");
        Assert.Equal(CartNotice.PriceChanged, Assert.Single(repriced.Notices).Kind);
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
