using AddisPay.Cart.Domain;
using AddisPay.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using static AddisPay.IntegrationTests.Cart.CartShop;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>
/// Carts repriced by Products' price events, found by the products in them (<c>product_ids</c>): also a cart saved before
/// product ids had their own column, once the migrate step has filled it.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class RepriceCartLinesTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// A cart of 2 units made as a database from before the column has it (no product ids, the old whole-document index);
    /// the migrate step run: the cart's row and the old index counted; the product repriced from 80 to 95 ETB: the cart
    /// once it has the new price.
    /// </summary>
    private sealed record Migrated(long RowsWithProductIds, long OldIndexes, CartView Repriced);

    private Task<Migrated> MigratedAsync() => ArrangedAsync(platform.Factory, async shop =>
    {
        var product = await shop.Shop.CreateProductAsync($"MIG-{Guid.NewGuid():N}"[..14], 80m, stock: 20);
        var cart = await shop.Shop.CreateCartAsync();
        (await shop.Shop.AddItemAsync(cart.Id, product.Id, 2)).Dispose();

        await ExecuteAsync(shop.Factory.ConnectionString, $"""
            update cart.mt_doc_cart set product_ids = null where id = '{cart.Id}';
            create index mt_doc_cart_idx_data on cart.mt_doc_cart using gin (data jsonb_path_ops);
            """);
        await shop.Factory.Services.GetRequiredService<MigrationRunner>().RunAsync(atStartup: false, CancellationToken.None);

        var rows = await CountAsync(shop.Factory.ConnectionString,
            $"select count(*) from cart.mt_doc_cart where id = '{cart.Id}' and product_ids = array['{product.Id}'::uuid]");
        var oldIndexes = await CountAsync(shop.Factory.ConnectionString,
            "select count(*) from pg_indexes where schemaname = 'cart' and tablename = 'mt_doc_cart' and indexdef like '%USING gin (data%'");
        await shop.Shop.ChangePriceAsync(product.Id, 95m);
        var repriced = await Eventually.Until(() => shop.Shop.GetCartAsync(cart.Id), c => c.Lines[0].UnitPriceEtb == 95m, "the price change to reach the cart");
        return new Migrated(rows, oldIndexes, repriced);
    });

    [Fact]
    public async Task The_migrate_step_gives_a_cart_saved_before_the_column_the_product_ids_repricing_finds_it_by() =>
        Assert.Equal(1, (await MigratedAsync()).RowsWithProductIds);

    [Fact]
    public async Task The_migrate_step_drops_the_whole_document_index_the_column_replaces() =>
        Assert.Equal(0, (await MigratedAsync()).OldIndexes);

    [Fact]
    public async Task A_cart_saved_before_product_ids_had_their_own_column_is_repriced_after_the_migrate_step_with_a_price_notice()
    {
        var repriced = (await MigratedAsync()).Repriced;
        Assert.Equal(95m, repriced.Lines[0].UnitPriceEtb);
        Assert.Equal(CartNotice.PriceChanged, Assert.Single(repriced.Notices).Kind);
    }
}
