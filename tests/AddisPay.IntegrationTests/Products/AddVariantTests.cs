using AddisPay.Products.Contracts;
using AddisPay.Shared.Contracts;
using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>A variant added by staff (AddVariantForStaff): sold at its price with its initial stock, once per form, refused with field errors, a taken SKU or an old version.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class AddVariantTests(CatalogueAndCartPlatform platform)
{
    private static AddVariantForStaff NewVariant(StaffProduct product, string sku, decimal priceEtb = 1050.00m, int stock = 7) =>
        new(product.ProductId, product.Version, sku, new Dictionary<string, string> { ["size"] = "1 kg" }, priceEtb, stock, Staff, Key());

    /// <summary>A 1 kg variant (1,050 ETB, 7 units, its SKU in lower case) added to a published product, the form sent twice; its offer and ledger after.</summary>
    private sealed record Added(string Sku, StaffProductChanged First, StaffProductChanged Again, ProductOffer? Offer, object? Ledger);

    private Task<Added> AddedAsync() => ArrangedAsync(platform, async shop =>
    {
        var token = Token();
        var product = await shop.StaffProductAsync(token);
        product = (await shop.SendAsync(new ChangeProductStatusForStaff(product.ProductId, true, Staff))).Product;
        var add = NewVariant(product, $"sid-{token}-1000");
        var first = await shop.SendAsync(add);
        var again = await shop.SendAsync(add);
        var sku = $"SID-{token.ToUpperInvariant()}-1000";
        var offer = await shop.SendAsync(new GetProductOffer(product.ProductId, sku));
        await using var conn = new Npgsql.NpgsqlConnection(shop.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var ledger = new Npgsql.NpgsqlCommand("select string_agg(\"Reason\" || ':' || \"OnHandDelta\", ',') from products.stock_movements where \"Sku\" = @sku", conn)
            { Parameters = { new("sku", sku) } };
        return new Added(sku, first, again, offer, await ledger.ExecuteScalarAsync());
    });

    [Fact]
    public async Task A_variant_added_is_answered_with_its_SKU_in_upper_case_its_price_stock_and_options()
    {
        var added = await AddedAsync();
        Assert.Equal((1050.00m, 7, "1 kg"), added.First.Product.Variants.Where(v => v.Sku == added.Sku).Select(v => (v.PriceEtb, v.OnHand, v.Options["size"])).Single());
    }

    [Fact]
    public async Task The_same_variant_form_sent_again_is_replayed_and_adds_no_second_variant()
    {
        var added = await AddedAsync();
        Assert.False(added.First.Replayed);
        Assert.True(added.Again.Replayed);
        Assert.Equal(3, added.Again.Product.Variants.Count);
    }

    [Fact]
    public async Task A_variant_added_to_a_published_product_is_offered_at_its_price_with_its_stock()
    {
        var offer = (await AddedAsync()).Offer;
        Assert.Equal((1050.00m, 7, true), (offer!.PriceEtb, offer.Available, offer.Purchasable));
    }

    [Fact]
    public async Task A_variant_added_has_its_initial_stock_in_the_ledger() =>
        Assert.Equal("initial_stock:7", (await AddedAsync()).Ledger);

    /// <summary>A variant with a SKU holding a bang, a price in tenths of santim and negative stock: the refusal and the product after.</summary>
    private sealed record BadFields(StaffProduct Product, Exception? Error, StaffProduct After);

    private Task<BadFields> BadFieldsAsync() => ArrangedAsync(platform, async shop =>
    {
        var product = await shop.StaffProductAsync();
        var error = await Record.ExceptionAsync(async () => await shop.SendAsync(NewVariant(product, "no spaces!", priceEtb: 10.005m, stock: -1)));
        return new BadFields(product, error, (await shop.SendAsync(new GetProductForStaff(product.ProductId)))!);
    });

    [Fact]
    public async Task A_new_variant_with_a_bad_SKU_price_and_stock_is_refused_with_each_field_error() =>
        Assert.Equal(["priceEtb", "sku", "stock"], Assert.IsType<ValidationFailedException>((await BadFieldsAsync()).Error).Errors.Keys.Order());

    [Fact]
    public async Task A_new_variant_refused_for_its_fields_writes_nothing()
    {
        var bad = await BadFieldsAsync();
        Assert.Equal((2, bad.Product.Version), (bad.After.Variants.Count, bad.After.Version));
    }

    /// <summary>A variant whose SKU (in lower case) another product holds: the refusal and the product's variants after.</summary>
    private sealed record SkuTaken(Exception? Error, int VariantsAfter);

    private Task<SkuTaken> SkuTakenAsync() => ArrangedAsync(platform, async shop =>
    {
        var other = await shop.StaffProductAsync();
        var product = await shop.StaffProductAsync();
        var error = await Record.ExceptionAsync(async () => await shop.SendAsync(NewVariant(product, other.Variants[0].Sku.ToLowerInvariant())));
        return new SkuTaken(error, (await shop.SendAsync(new GetProductForStaff(product.ProductId)))!.Variants.Count);
    });

    [Fact]
    public async Task A_new_variant_whose_SKU_another_product_holds_is_a_conflict() =>
        Assert.Equal("products.sku-taken", Assert.IsType<ConflictException>((await SkuTakenAsync()).Error).Reason?.Code);

    [Fact]
    public async Task A_new_variant_whose_SKU_is_taken_writes_nothing() =>
        Assert.Equal(2, (await SkuTakenAsync()).VariantsAfter);

    /// <summary>A variant from a form read before the product was renamed: the refusal and the product's variants after.</summary>
    private sealed record FromOldForm(Exception? Error, int VariantsAfter);

    private Task<FromOldForm> FromOldFormAsync() => ArrangedAsync(platform, async shop =>
    {
        var token = Token();
        var product = await shop.StaffProductAsync(token);
        await shop.SendAsync(new UpdateProductForStaff(product.ProductId, product.Version, $"Renamed coffee {token}", product.NameAm, null, null, null, product.CategorySlug,
            new Dictionary<string, decimal>(), Staff));
        var error = await Record.ExceptionAsync(async () => await shop.SendAsync(NewVariant(product, $"SID-{token}-2000")));
        return new FromOldForm(error, (await shop.SendAsync(new GetProductForStaff(product.ProductId)))!.Variants.Count);
    });

    [Fact]
    public async Task A_new_variant_from_a_form_read_before_another_change_of_the_product_is_refused_as_stale() =>
        Assert.IsType<AddisPay.Products.UpdateProduct.StaleWriteException>((await FromOldFormAsync()).Error);

    [Fact]
    public async Task A_new_variant_refused_as_stale_writes_nothing() =>
        Assert.Equal(2, (await FromOldFormAsync()).VariantsAfter);
}
