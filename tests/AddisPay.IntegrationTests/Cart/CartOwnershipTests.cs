using System.Net;
using System.Net.Http.Json;
using AddisPay.Cart.Domain;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.IntegrationTests.Scenarios;
using AddisPay.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>A visitor's cart follows them into their account at sign-in, and an owned cart is private.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class CartOwnershipTests(AllModulesPlatform platform)
{
    private readonly Shop _shop = platform.Factory.Shop();
    private readonly Accounts _accounts = new(platform.Factory.CreateClient(), platform.Factory.ConnectionString);

    private async Task<CartView> MyCartAsync(string token)
    {
        using var r = await _accounts.SendAsync(HttpMethod.Get, "/api/cart/mine", token);
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<CartView>())!;
    }

    [Fact]
    public async Task Signing_in_claims_the_visitors_cart_and_merges_it_into_an_existing_one()
    {
        var coffee = await _shop.CreateProductAsync($"MRG-A-{Guid.NewGuid():N}"[..16], 300m, stock: 20);
        var honey = await _shop.CreateProductAsync($"MRG-B-{Guid.NewGuid():N}"[..16], 900m, stock: 20);
        var email = $"{Guid.NewGuid():N}@example.et";
        await _accounts.RegisterAsync(email);

        // First sign-in with a visitor cart: the cart becomes the user's.
        var visit1 = await _shop.CreateCartAsync();
        (await _shop.AddItemAsync(visit1.Id, coffee.Id, 1)).Dispose();
        var session = await _accounts.SignInAsync(email, cartId: visit1.Id);
        // (Reading /mine before the sign-in event is handled starts an empty cart; the visitor's lines then merge into it.)
        var mine = await Eventually.Until(() => MyCartAsync(session.AccessToken), c => c.Lines.Count == 1, "the visitor cart to be claimed");
        Assert.Equal(1, Assert.Single(mine.Lines).Quantity);
        var userCartId = mine.Id;
        using (var anonymous = await _shop.Cart.GetAsync($"/api/cart/{visit1.Id}")) Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);

        // Later, another visit on another device: its lines are merged into the user's cart.
        var visit2 = await _shop.CreateCartAsync();
        (await _shop.AddItemAsync(visit2.Id, coffee.Id, 2)).Dispose();
        (await _shop.AddItemAsync(visit2.Id, honey.Id, 1)).Dispose();
        session = await _accounts.SignInAsync(email, cartId: visit2.Id);
        mine = await Eventually.Until(() => MyCartAsync(session.AccessToken), c => c.Lines.Count == 2, "the second visit to be merged");
        Assert.Equal(userCartId, mine.Id);
        Assert.Equal(3, mine.Lines.Single(l => l.ProductId == coffee.Id).Quantity);
        Assert.Equal(1, mine.Lines.Single(l => l.ProductId == honey.Id).Quantity);
        Assert.Equal(300m * 3 + 900m, mine.SubtotalEtb);
        await Eventually.Until(async () => (await _shop.Cart.GetAsync($"/api/cart/{visit2.Id}")).StatusCode, s => s == HttpStatusCode.NotFound, "the merged visitor cart to be gone");
    }

    [Fact]
    public async Task Another_customer_cannot_read_or_fill_an_owned_cart_and_a_deleted_account_takes_its_cart_along()
    {
        var (_, owner) = await _accounts.NewCustomerAsync();
        var (_, other) = await _accounts.NewCustomerAsync();
        var cart = await MyCartAsync(owner.AccessToken);
        var product = await _shop.CreateProductAsync($"OWN-{Guid.NewGuid():N}"[..14], 50m);

        using (var read = await _accounts.SendAsync(HttpMethod.Get, $"/api/cart/{cart.Id}", other.AccessToken)) Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using (var anon = await _accounts.SendAsync(HttpMethod.Get, $"/api/cart/{cart.Id}", null)) Assert.Equal(HttpStatusCode.NotFound, anon.StatusCode);
        using (var add = await _accounts.SendAsync(HttpMethod.Post, $"/api/cart/{cart.Id}/items", other.AccessToken, new { productId = product.Id, quantity = 1 }))
            Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        using (var own = await _accounts.SendAsync(HttpMethod.Post, $"/api/cart/{cart.Id}/items", owner.AccessToken, new { productId = product.Id, quantity = 1 }))
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        using (var delete = await _accounts.SendAsync(HttpMethod.Delete, "/api/users/me", owner.AccessToken)) Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await Eventually.Until(() => Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from cart.mt_doc_cart where id = '{cart.Id}'"), n => n == 0, "the deleted user's cart to be erased");
    }

    private Task<long> OwnedCartsAsync(Guid userId) => PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
        $"select count(*) from cart.mt_doc_cart where data->>'OwnerId' = '{userId}'");

    [Fact]
    public async Task Concurrent_first_reads_of_a_users_cart_give_them_one_cart()
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        var userId = await _accounts.RegisterAsync(email);
        var session = await _accounts.SignInAsync(email);

        var carts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => MyCartAsync(session.AccessToken)));

        Assert.Single(carts.Select(c => c.Id).Distinct());
        Assert.Equal(1, await OwnedCartsAsync(userId));
    }

    [Fact]
    public async Task Reading_the_cart_while_the_sign_in_merge_runs_leaves_one_cart_with_the_visitors_lines()
    {
        var coffee = await _shop.CreateProductAsync($"RACE-{Guid.NewGuid():N}"[..16], 300m, stock: 50);
        // Several customers, each reading /mine again and again from the moment they are signed in: some reads start the
        // user's cart while the sign-in merge claims the visitor's.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            var email = $"{Guid.NewGuid():N}@example.et";
            var userId = await _accounts.RegisterAsync(email);
            var visit = await _shop.CreateCartAsync();
            (await _shop.AddItemAsync(visit.Id, coffee.Id, 2)).Dispose();
            var session = await _accounts.SignInAsync(email, cartId: visit.Id);

            var mine = await Eventually.Until(() => MyCartAsync(session.AccessToken), c => c.Lines.Count == 1, "the visitor's lines in the user's cart");

            Assert.Equal(2, Assert.Single(mine.Lines).Quantity);
            Assert.Equal(1, await OwnedCartsAsync(userId));
        }));
    }

    [Fact]
    public async Task A_user_left_with_two_carts_keeps_the_one_with_lines_after_the_migrate_step()
    {
        var product = await _shop.CreateProductAsync($"TWO-{Guid.NewGuid():N}"[..14], 120m, stock: 20);
        var email = $"{Guid.NewGuid():N}@example.et";
        var userId = await _accounts.RegisterAsync(email);
        var session = await _accounts.SignInAsync(email);
        var empty = await MyCartAsync(session.AccessToken);
        var filled = await _shop.CreateCartAsync();
        (await _shop.AddItemAsync(filled.Id, product.Id, 3)).Dispose();

        // As a database from before the owner index was unique, where the race gave a user a second cart.
        await CartAvailabilityTests.ExecuteAsync(platform.Factory.ConnectionString, $$"""
            do $do$ begin
              execute (select 'drop index cart.' || indexname from pg_indexes where schemaname = 'cart' and tablename = 'mt_doc_cart' and indexdef like '%OwnerId%');
            end $do$;
            update cart.mt_doc_cart set data = jsonb_set(data, '{OwnerId}', to_jsonb('{{userId}}'::text)) where id = '{{filled.Id}}';
            """);
        Assert.Equal(2, await OwnedCartsAsync(userId));
        await platform.Factory.Services.GetRequiredService<MigrationRunner>().RunAsync(atStartup: false, CancellationToken.None);

        Assert.Equal(1, await OwnedCartsAsync(userId));
        var mine = await MyCartAsync(session.AccessToken);
        Assert.Equal(filled.Id, mine.Id);
        Assert.Equal(3, Assert.Single(mine.Lines).Quantity);
        Assert.Equal(0, await PriceChangeScenario.CountAsync(platform.Factory.ConnectionString, $"select count(*) from cart.mt_doc_cart where id = '{empty.Id}'"));
        Assert.Equal(1, await PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            "select count(*) from pg_indexes where schemaname = 'cart' and tablename = 'mt_doc_cart' and indexdef like 'CREATE UNIQUE INDEX%OwnerId%'"));
    }
}
