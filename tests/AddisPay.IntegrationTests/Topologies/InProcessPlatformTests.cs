using AddisPay.IntegrationTests.Scenarios;

namespace AddisPay.IntegrationTests.Topologies;

/// <summary>Scenario (a): every module in one process, cross-module calls in-process through Mediator.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class InProcessPlatformTests(AllModulesPlatform platform)
{
    private readonly Shop _shop = platform.Factory.Shop();

    [Fact]
    public async Task Price_changes_reach_open_carts_once_and_in_order()
    {
        var (cartId, _) = await PriceChangeScenario.RunAsync(_shop, platform.Factory.ConnectionString, changes: 15);
        // Search subscribes to the same events through its own inbox; each module handled every event once. Counted on this
        // product's stream only: other classes of the collection change prices too, and park some in cart's dead letters.
        var product = Assert.Single((await _shop.GetCartAsync(cartId)).Lines).ProductId;
        Task<long> HandledAsync(string module) => PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from {module}.inbox i join events.mt_events e on e.seq_id = i.sequence where i.event_type = 'products.product_price_changed' and e.stream_id = '{product}'");
        await Eventually.Until(() => HandledAsync("search"), n => n >= 15, "search to index the price changes");
        Assert.Equal(await HandledAsync("search"), await HandledAsync("cart"));
    }

    /// <summary>A cart holding all three of a product's stock asked for one more.</summary>
    private sealed record OneTooMany(HttpStatusCode Status, string? ContentType, JsonElement Problem, int QuantityAfter);

    private Task<OneTooMany> OneTooManyAsync() => Arrangements.Of(platform).OnceAsync(async () =>
    {
        var product = await _shop.CreateProductAsync($"LAST-{Guid.NewGuid():N}"[..16], 50m, stock: 3);
        var cart = await _shop.CreateCartAsync();
        using (var ok = await _shop.AddItemAsync(cart.Id, product.Id, 3)) await Shop.Expect(ok, HttpStatusCode.OK);
        using var tooMany = await _shop.AddItemAsync(cart.Id, product.Id, 1);
        var problem = await tooMany.Content.ReadFromJsonAsync<JsonElement>();
        return new OneTooMany(tooMany.StatusCode, tooMany.Content.Headers.ContentType?.MediaType, problem,
            Assert.Single((await _shop.GetCartAsync(cart.Id)).Lines).Quantity);
    });

    [Fact]
    public async Task Cart_refuses_more_than_products_has_available()
    {
        var refused = await OneTooManyAsync();
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
    }

    /// <summary>Beside the English detail, a stable reason and its facts, for a client that says it in its own words.</summary>
    [Fact]
    public async Task A_refusal_for_stock_gives_its_reason_and_facts()
    {
        var problem = (await OneTooManyAsync()).Problem;
        Assert.Equal("cart.only-available", problem.GetProperty("reason").GetString());
        Assert.Equal("3", problem.GetProperty("facts").GetProperty("available").GetString());
        Assert.Equal("3", problem.GetProperty("facts").GetProperty("inCart").GetString());
    }

    [Fact]
    public async Task A_refusal_for_stock_leaves_the_quantity_in_the_cart() =>
        Assert.Equal(3, (await OneTooManyAsync()).QuantityAfter);

    /// <summary>A new cart asked to hold a product nobody created.</summary>
    private sealed record UnknownProductAdded(HttpStatusCode Status, string Body, int LinesAfter);

    private Task<UnknownProductAdded> UnknownProductAddedAsync() => Arrangements.Of(platform).OnceAsync(async () =>
    {
        var cart = await _shop.CreateCartAsync();
        using var r = await _shop.AddItemAsync(cart.Id, Guid.NewGuid(), 1);
        return new UnknownProductAdded(r.StatusCode, await r.Content.ReadAsStringAsync(), (await _shop.GetCartAsync(cart.Id)).Lines.Count);
    });

    [Fact]
    public async Task Adding_an_unknown_product_is_a_404()
    {
        var added = await UnknownProductAddedAsync();
        Assert.True(added.Status == HttpStatusCode.NotFound, $"Expected 404 but got {(int)added.Status}: {added.Body}");
    }

    [Fact]
    public async Task Adding_an_unknown_product_leaves_the_cart_unchanged() =>
        Assert.Equal(0, (await UnknownProductAddedAsync()).LinesAfter);

    /// <summary>A product created with its price, stock and Amharic name, read back and listed.</summary>
    private sealed record ProductCreated(Guid Id, AddisPay.Products.Domain.ProductView Read, AddisPay.Products.ListProducts.ProductPage Page);

    private Task<ProductCreated> ProductCreatedAsync() => Arrangements.Of(platform).OnceAsync(async () =>
    {
        var created = await _shop.CreateProductAsync($"READ-{Guid.NewGuid():N}"[..16], 1234.50m, stock: 7, name: "Sidamo coffee 1 kg");
        var read = await _shop.Products.GetFromJsonAsync<AddisPay.Products.Domain.ProductView>($"/api/products/{created.Id}");
        var page = await _shop.Products.GetFromJsonAsync<AddisPay.Products.ListProducts.ProductPage>("/api/products?page=1&pageSize=100");
        return new ProductCreated(created.Id, read!, page!);
    });

    [Fact]
    public async Task Product_is_read_back_with_its_price_in_birr_its_stock_and_amharic_name()
    {
        var read = (await ProductCreatedAsync()).Read;
        Assert.Equal(1234.50m, read.PriceEtb);
        Assert.Equal("ETB", read.Currency);
        Assert.Equal(7, read.Available);
        Assert.Equal("ቡና", read.NameAm);
    }

    [Fact]
    public async Task Product_is_listed_once_created()
    {
        var created = await ProductCreatedAsync();
        Assert.Contains(created.Page.Items, p => p.Id == created.Id);
    }
}
