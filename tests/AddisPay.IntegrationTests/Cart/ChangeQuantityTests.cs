using AddisPay.Cart.Domain;
using AddisPay.Products.Domain;
using static AddisPay.IntegrationTests.Cart.CartShop;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>Changing a line's quantity (PUT /api/cart/{id}/items/{sku}): checked against stock and the input's range, zero removes the line, only the owner changes an owned cart.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ChangeQuantityTests(CatalogueAndCartPlatform platform)
{
    private readonly CartShop _shop = new(platform.Factory);

    /// <summary>
    /// A cart of 2 coffees (5 in stock, 250 ETB) and a honey (400 ETB); the coffee's quantity changed to 5, then 6 (past the
    /// stock: its status, and the cart read after), then 1, then 0, then 1 again (its line gone: the status).
    /// </summary>
    private sealed record QuantitySteps(string CoffeeSku, string HoneySku, CartView Raised, HttpStatusCode BeyondStock, int QuantityAfterRefusal,
        CartView Lowered, CartView Zeroed, HttpStatusCode NotInCart);

    private Task<QuantitySteps> QuantityStepsAsync() => ArrangedAsync(platform.Factory, async shop =>
    {
        var coffee = await shop.ProductAsync("QTY-A", 250m, stock: 5);
        var honey = await shop.ProductAsync("QTY-B", 400m);
        var cart = await shop.FilledCartAsync((coffee, 2), (honey, 1));
        var url = $"/api/cart/{cart.Id}/items/{coffee.Sku}";
        var raised = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Put, url, new { quantity = 5 }));
        var beyondStock = await shop.StatusAsync(HttpMethod.Put, url, new { quantity = 6 });
        var afterRefusal = (await shop.Shop.GetCartAsync(cart.Id)).Lines.Single(l => l.Sku == coffee.Sku).Quantity;
        var lowered = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Put, url, new { quantity = 1 }));
        var zeroed = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Put, url, new { quantity = 0 }));
        var notInCart = await shop.StatusAsync(HttpMethod.Put, url, new { quantity = 1 });
        return new QuantitySteps(coffee.Sku, honey.Sku, raised, beyondStock, afterRefusal, lowered, zeroed, notInCart);
    });

    [Fact]
    public async Task A_quantity_within_stock_is_the_lines_new_quantity()
    {
        var steps = await QuantityStepsAsync();
        Assert.Equal(5, steps.Raised.Lines.Single(l => l.Sku == steps.CoffeeSku).Quantity);
    }

    [Fact]
    public async Task A_changed_quantity_reprices_the_cart_with_15_percent_vat()
    {
        var raised = (await QuantityStepsAsync()).Raised;
        Assert.Equal(250m * 5 + 400m, raised.SubtotalEtb);
        Assert.Equal(247.50m, raised.VatEtb); // 15% of 1,650 ETB
        Assert.Equal(1897.50m, raised.TotalEtb);
    }

    [Fact]
    public async Task A_quantity_beyond_stock_is_a_409() =>
        Assert.Equal(HttpStatusCode.Conflict, (await QuantityStepsAsync()).BeyondStock);

    [Fact]
    public async Task A_quantity_beyond_stock_leaves_the_line_as_it_was() =>
        Assert.Equal(5, (await QuantityStepsAsync()).QuantityAfterRefusal);

    [Fact]
    public async Task A_lower_quantity_is_the_lines_new_quantity()
    {
        var steps = await QuantityStepsAsync();
        Assert.Equal(1, steps.Lowered.Lines.Single(l => l.Sku == steps.CoffeeSku).Quantity);
    }

    [Fact]
    public async Task A_quantity_of_zero_removes_the_line()
    {
        var steps = await QuantityStepsAsync();
        Assert.Equal(steps.HoneySku, Assert.Single(steps.Zeroed.Lines).Sku);
        Assert.Equal(400m, steps.Zeroed.SubtotalEtb);
    }

    [Fact]
    public async Task Changing_a_product_not_in_the_cart_is_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await QuantityStepsAsync()).NotInCart);

    // Simultaneous changes.

    private sealed record SimultaneousChanges(List<(int Quantity, HttpStatusCode Status)> Answers, int QuantityAfter);

    private Task<SimultaneousChanges> SimultaneousChangesAsync() => ArrangedAsync(platform.Factory, async shop =>
    {
        var coffee = await shop.ProductAsync("CNC-A", 50m);
        var cart = await shop.FilledCartAsync((coffee, 1));
        var quantities = Enumerable.Range(2, 8).ToArray();
        var statuses = await Task.WhenAll(quantities.Select(q => shop.StatusAsync(HttpMethod.Put, $"/api/cart/{cart.Id}/items/{coffee.Sku}", new { quantity = q })));
        return new SimultaneousChanges(quantities.Zip(statuses).ToList(), Assert.Single((await shop.Shop.GetCartAsync(cart.Id)).Lines).Quantity);
    });

    [Fact]
    public async Task Simultaneous_changes_to_one_cart_are_applied_or_told_to_retry_with_409_never_failing_with_a_500()
    {
        // A writer that read the cart before another one saved is told to retry, not silently overwritten.
        foreach (var (quantity, status) in (await SimultaneousChangesAsync()).Answers)
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"quantity {quantity}: {(int)status}");
    }

    [Fact]
    public async Task Simultaneous_changes_to_one_cart_lose_no_update_the_cart_holds_one_that_was_applied()
    {
        var changes = await SimultaneousChangesAsync();
        var applied = changes.Answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Quantity).ToList();
        Assert.NotEmpty(applied);
        Assert.Contains(changes.QuantityAfter, applied);
    }

    // Input (CartStories.RefusedInput).

    [Fact]
    public async Task A_quantity_below_zero_above_the_limit_or_missing_is_a_400_naming_the_quantity()
    {
        foreach (var (body, status, problem) in (await RefusedInput.ArrangedAsync(platform.Factory)).OutOfRange)
        {
            Assert.True(status == HttpStatusCode.BadRequest, $"{body}: {(int)status}");
            Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _), $"{body}: {problem}");
        }
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem()
    {
        var refused = await RefusedInput.ArrangedAsync(platform.Factory);
        Assert.Equal(HttpStatusCode.BadRequest, refused.MalformedStatus);
        Assert.Equal("application/problem+json", refused.MalformedType);
    }

    [Fact]
    public async Task Refused_input_changes_nothing_in_the_cart()
    {
        var refused = await RefusedInput.ArrangedAsync(platform.Factory);
        Assert.Equal(2, Assert.Single(refused.After.Lines).Quantity);
        Assert.Equal(refused.Before.UpdatedAt, refused.After.UpdatedAt);
    }

    // Owned carts (CartStories.OwnedCart).

    [Fact]
    public async Task Another_customer_or_a_visitor_changing_a_quantity_in_an_owned_cart_gets_a_404() =>
        OwnedCart.AssertRefused(await OwnedCart.ArrangedAsync(platform.Factory), "change a quantity");

    [Fact]
    public async Task Refused_changes_leave_an_owned_cart_as_it_was() =>
        Assert.Equal(2, Assert.Single((await OwnedCart.ArrangedAsync(platform.Factory)).Untouched.Lines).Quantity);

    [Fact]
    public async Task The_owner_changes_a_quantity_in_their_cart() =>
        Assert.Equal(3, Assert.Single((await OwnedCart.ArrangedAsync(platform.Factory)).Changed.Lines).Quantity);
}
