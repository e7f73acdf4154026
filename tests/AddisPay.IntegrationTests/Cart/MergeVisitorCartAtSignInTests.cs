using AddisPay.Cart.Domain;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>A visitor's cart follows them into their account at sign-in (UserSignedIn): claimed, or merged into the cart they have.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class MergeVisitorCartAtSignInTests(AllModulesPlatform platform)
{
    private readonly CartOwners _owners = new(platform.Factory);

    /// <summary>
    /// A registered customer signs in with a visitor cart of a coffee (their cart once it has the line; the visitor cart's
    /// status), and later with another visitor cart of 2 coffees and a honey (their cart once it has both lines; the second
    /// visitor cart's status once gone).
    /// </summary>
    private sealed record TwoVisits(Guid Coffee, Guid Honey, CartView Claimed, HttpStatusCode FirstVisitCart, CartView Merged, HttpStatusCode SecondVisitCart);

    private Task<TwoVisits> TwoVisitsAsync() => CartShop.ArrangedAsync(platform.Factory, async shop =>
    {
        var owners = new CartOwners(platform.Factory);
        var coffee = await shop.Shop.CreateProductAsync($"MRG-A-{Guid.NewGuid():N}"[..16], 300m, stock: 20);
        var honey = await shop.Shop.CreateProductAsync($"MRG-B-{Guid.NewGuid():N}"[..16], 900m, stock: 20);
        var email = $"{Guid.NewGuid():N}@example.et";
        await owners.Accounts.RegisterAsync(email);

        // First sign-in with a visitor cart: the cart becomes the user's.
        var visit1 = await shop.Shop.CreateCartAsync();
        (await shop.Shop.AddItemAsync(visit1.Id, coffee.Id, 1)).Dispose();
        var session = await owners.Accounts.SignInAsync(email, cartId: visit1.Id);
        // (Reading /mine before the sign-in event is handled starts an empty cart; the visitor's lines then merge into it.)
        var claimed = await Eventually.Until(() => owners.MyCartAsync(session.AccessToken), c => c.Lines.Count == 1, "the visitor cart to be claimed");
        HttpStatusCode firstVisitCart;
        using (var anonymous = await shop.Shop.Cart.GetAsync($"/api/cart/{visit1.Id}")) firstVisitCart = anonymous.StatusCode;

        // Later, another visit on another device: its lines are merged into the user's cart.
        var visit2 = await shop.Shop.CreateCartAsync();
        (await shop.Shop.AddItemAsync(visit2.Id, coffee.Id, 2)).Dispose();
        (await shop.Shop.AddItemAsync(visit2.Id, honey.Id, 1)).Dispose();
        session = await owners.Accounts.SignInAsync(email, cartId: visit2.Id);
        var merged = await Eventually.Until(() => owners.MyCartAsync(session.AccessToken), c => c.Lines.Count == 2, "the second visit to be merged");
        var secondVisitCart = await Eventually.Until(async () => (await shop.Shop.Cart.GetAsync($"/api/cart/{visit2.Id}")).StatusCode,
            s => s == HttpStatusCode.NotFound, "the merged visitor cart to be gone");
        return new TwoVisits(coffee.Id, honey.Id, claimed, firstVisitCart, merged, secondVisitCart);
    });

    [Fact]
    public async Task A_first_sign_in_with_a_visitors_cart_makes_it_the_customers() =>
        Assert.Equal(1, Assert.Single((await TwoVisitsAsync()).Claimed.Lines).Quantity);

    [Fact]
    public async Task A_claimed_visitors_cart_is_no_longer_found_by_its_visitor_id() =>
        Assert.Equal(HttpStatusCode.NotFound, (await TwoVisitsAsync()).FirstVisitCart);

    [Fact]
    public async Task A_later_visitors_cart_is_merged_into_the_cart_the_customer_has()
    {
        var visits = await TwoVisitsAsync();
        Assert.Equal(visits.Claimed.Id, visits.Merged.Id);
    }

    [Fact]
    public async Task Merging_adds_up_the_quantities_of_a_product_in_both_carts()
    {
        var visits = await TwoVisitsAsync();
        Assert.Equal(3, visits.Merged.Lines.Single(l => l.ProductId == visits.Coffee).Quantity);
        Assert.Equal(1, visits.Merged.Lines.Single(l => l.ProductId == visits.Honey).Quantity);
    }

    [Fact]
    public async Task A_merged_cart_is_priced_with_every_line() =>
        Assert.Equal(300m * 3 + 900m, (await TwoVisitsAsync()).Merged.SubtotalEtb);

    [Fact]
    public async Task A_merged_visitors_cart_is_gone() =>
        Assert.Equal(HttpStatusCode.NotFound, (await TwoVisitsAsync()).SecondVisitCart);

    [Fact]
    public async Task Reading_the_cart_while_the_sign_in_merge_runs_leaves_one_cart_with_the_visitors_lines()
    {
        var coffee = await _owners.Shop.Shop.CreateProductAsync($"RACE-{Guid.NewGuid():N}"[..16], 300m, stock: 50);
        // Several customers, each reading /mine again and again from the moment they are signed in: some reads start the
        // user's cart while the sign-in merge claims the visitor's.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            var email = $"{Guid.NewGuid():N}@example.et";
            var userId = await _owners.Accounts.RegisterAsync(email);
            var visit = await _owners.Shop.Shop.CreateCartAsync();
            (await _owners.Shop.Shop.AddItemAsync(visit.Id, coffee.Id, 2)).Dispose();
            var session = await _owners.Accounts.SignInAsync(email, cartId: visit.Id);

            var mine = await Eventually.Until(() => _owners.MyCartAsync(session.AccessToken), c => c.Lines.Count == 1, "the visitor's lines in the user's cart");

            Assert.Equal(2, Assert.Single(mine.Lines).Quantity);
            Assert.Equal(1, await CartOwners.OwnedCartsAsync(platform.Factory, userId));
        }));
    }
}
