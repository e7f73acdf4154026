using AddisPay.Cart.Data;
using AddisPay.Cart.Domain;
using AddisPay.Shared.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static AddisPay.IntegrationTests.Cart.CartShop;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>
/// The model's helper every customer change goes through (<see cref="CartAccess"/>, Domain/): a change is applied again
/// when the platform wrote the cart between its read and its save, and refused once the cart keeps changing.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CartAccessTests(CatalogueAndCartPlatform platform)
{
    /// <summary>A write the platform makes (TrackAvailability's notices): the cart saved again, its version moved on.</summary>
    private static async Task WriteBehindTheCustomersBackAsync(ICartStore store, Guid cartId)
    {
        await using var session = store.LightweightSession();
        session.Update((await session.LoadAsync<AddisPay.Cart.Domain.Cart>(cartId))!);
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// A cart of 2 coffees cleared by a customer change whose first attempt the platform overtakes: its attempts, the
    /// change's result and the cart read after.
    /// </summary>
    private sealed record Overtaken(int Attempts, AddisPay.Cart.Domain.Cart Changed, CartView After);

    private Task<Overtaken> OvertakenAsync() => ArrangedAsync(platform.Factory, async shop =>
    {
        var coffee = await shop.ProductAsync("RACE-A", 250m);
        var cart = await shop.FilledCartAsync((coffee, 2));
        var store = shop.Factory.Services.GetRequiredService<ICartStore>();
        await using var scope = shop.Factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<AddisPay.Shared.Events.DocumentWork<ICartStore>>();
        var attempts = 0;

        var changed = await work.ChangeForCustomerAsync(cart.Id, null, shop.Factory.Services.GetRequiredService<CartExpiry>(), async c =>
        {
            if (++attempts == 1) await WriteBehindTheCustomersBackAsync(store, cart.Id);
            c.Clear();
        }, CancellationToken.None);
        return new Overtaken(attempts, changed, await shop.Shop.GetCartAsync(cart.Id));
    });

    [Fact]
    public async Task A_customer_change_is_tried_again_when_the_platform_wrote_the_cart_between_its_read_and_its_save() =>
        Assert.Equal(2, (await OvertakenAsync()).Attempts);

    [Fact]
    public async Task A_customer_change_tried_again_is_saved()
    {
        var overtaken = await OvertakenAsync();
        Assert.Empty(overtaken.Changed.Lines);
        Assert.Empty(overtaken.After.Lines);
    }

    /// <summary>A cart of 2 coffees, a customer change that the platform overtakes at every attempt: its attempts, its refusal and the cart read after.</summary>
    private sealed record KeptChanging(int Attempts, ConflictException Refused, CartView After);

    private Task<KeptChanging> KeptChangingAsync() => ArrangedAsync(platform.Factory, async shop =>
    {
        var coffee = await shop.ProductAsync("RACE-B", 250m);
        var cart = await shop.FilledCartAsync((coffee, 2));
        var store = shop.Factory.Services.GetRequiredService<ICartStore>();
        await using var scope = shop.Factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<AddisPay.Shared.Events.DocumentWork<ICartStore>>();
        var attempts = 0;

        var refused = await Assert.ThrowsAsync<ConflictException>(() => work.ChangeForCustomerAsync(cart.Id, null,
            shop.Factory.Services.GetRequiredService<CartExpiry>(), async c =>
            {
                attempts++;
                await WriteBehindTheCustomersBackAsync(store, cart.Id);
                c.Clear();
            }, CancellationToken.None));
        return new KeptChanging(attempts, refused, await shop.Shop.GetCartAsync(cart.Id));
    });

    [Fact]
    public async Task A_customer_change_gives_up_after_its_attempts_when_the_cart_keeps_changing() =>
        Assert.Equal(CartAccess.Attempts, (await KeptChangingAsync()).Attempts);

    [Fact]
    public async Task A_customer_change_given_up_is_a_409_saying_the_cart_changed() =>
        Assert.Equal("cart.changed", (await KeptChangingAsync()).Refused.Reason?.Code);

    [Fact]
    public async Task A_customer_change_given_up_leaves_the_cart_its_lines() =>
        Assert.Equal(2, Assert.Single((await KeptChangingAsync()).After.Lines).Quantity);
}
