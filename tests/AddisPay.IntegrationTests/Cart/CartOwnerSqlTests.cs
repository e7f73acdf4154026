using AddisPay.Cart.Data;
using AddisPay.Cart.Domain;
using AddisPay.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using static AddisPay.IntegrationTests.Cart.CartShop;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>
/// <see cref="CartOwnerSql"/>'s one cart per owner, run by the migrate step on a database from before the owner index was
/// unique, where a race gave a user a second cart.
/// </summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class CartOwnerSqlTests(AllModulesPlatform platform)
{
    /// <summary>
    /// A signed-in customer's empty cart and a visitor cart of 3 units made theirs too, the owner index dropped (the carts they
    /// own counted); the migrate step run: the carts they own counted, their cart, the empty cart's rows and the unique owner
    /// indexes.
    /// </summary>
    private sealed record TwoCarts(long OwnedBefore, long OwnedAfter, Guid Filled, CartView Mine, long EmptyRows, long UniqueOwnerIndexes);

    private Task<TwoCarts> TwoCartsAsync() => ArrangedAsync(platform.Factory, async shop =>
    {
        var owners = new CartOwners(platform.Factory);
        var product = await shop.Shop.CreateProductAsync($"TWO-{Guid.NewGuid():N}"[..14], 120m, stock: 20);
        var email = $"{Guid.NewGuid():N}@example.et";
        var userId = await owners.Accounts.RegisterAsync(email);
        var session = await owners.Accounts.SignInAsync(email);
        var empty = await owners.MyCartAsync(session.AccessToken);
        var filled = await shop.Shop.CreateCartAsync();
        (await shop.Shop.AddItemAsync(filled.Id, product.Id, 3)).Dispose();

        // As a database from before the owner index was unique, where the race gave a user a second cart.
        await ExecuteAsync(platform.Factory.ConnectionString, $$"""
            do $do$ begin
              execute (select 'drop index cart.' || indexname from pg_indexes where schemaname = 'cart' and tablename = 'mt_doc_cart' and indexdef like '%OwnerId%');
            end $do$;
            update cart.mt_doc_cart set data = jsonb_set(data, '{OwnerId}', to_jsonb('{{userId}}'::text)) where id = '{{filled.Id}}';
            """);
        var before = await CartOwners.OwnedCartsAsync(platform.Factory, userId);
        await platform.Factory.Services.GetRequiredService<MigrationRunner>().RunAsync(atStartup: false, CancellationToken.None);

        return new TwoCarts(before, await CartOwners.OwnedCartsAsync(platform.Factory, userId), filled.Id, await owners.MyCartAsync(session.AccessToken),
            await CountCartsAsync(platform.Factory.ConnectionString, empty.Id),
            await CountAsync(platform.Factory.ConnectionString,
                "select count(*) from pg_indexes where schemaname = 'cart' and tablename = 'mt_doc_cart' and indexdef like 'CREATE UNIQUE INDEX%OwnerId%'"));
    });

    [Fact]
    public async Task A_user_left_with_two_carts_keeps_one_after_the_migrate_step()
    {
        var carts = await TwoCartsAsync();
        Assert.Equal(2, carts.OwnedBefore);
        Assert.Equal(1, carts.OwnedAfter);
    }

    [Fact]
    public async Task A_user_left_with_two_carts_keeps_the_one_with_lines_after_the_migrate_step()
    {
        var carts = await TwoCartsAsync();
        Assert.Equal(carts.Filled, carts.Mine.Id);
        Assert.Equal(3, Assert.Single(carts.Mine.Lines).Quantity);
    }

    [Fact]
    public async Task The_migrate_step_deletes_the_empty_second_cart() =>
        Assert.Equal(0, (await TwoCartsAsync()).EmptyRows);

    [Fact]
    public async Task The_migrate_step_makes_the_owner_index_unique_again() =>
        Assert.Equal(1, (await TwoCartsAsync()).UniqueOwnerIndexes);
}
