using System.Net.Http.Headers;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// The catalogue Contracts a back office keeps the shop with: a form's key makes one product however often it is sent,
/// field errors under the API's names, keyset pages through the staff list, and uploaded pictures checked by content,
/// stored in PostgreSQL and served to shoppers with cache headers.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class StaffCatalogueTests(CatalogueAndCartPlatform platform)
{
    private static readonly Guid Staff = Guid.NewGuid();

    /// <summary>A real 1×1 PNG (signature, IHDR, IDAT, IEND).</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private static string Token() => Guid.NewGuid().ToString("N")[..10];

    private static CreateProductForStaff NewProduct(string token, string key, string name = "Sidama coffee beans") => new(
        $"{name} {token}", "የሲዳማ ቡና", "Washed, medium roast.", null, null, "coffee-beans",
        [
            new StaffVariantInput($"SID-{token}-250", new Dictionary<string, string> { ["size"] = "250 g" }, 300.00m, 12),
            new StaffVariantInput($"SID-{token}-500", new Dictionary<string, string> { ["size"] = "500 g" }, 560.00m, 3)
        ], Staff, key);

    [Fact]
    public async Task The_same_form_key_sent_twice_makes_one_product_and_the_second_answer_is_the_first_replayed()
    {
        var token = Token();
        var key = Guid.NewGuid().ToString("N");
        var first = await SendAsync(NewProduct(token, key));
        var second = await SendAsync(NewProduct(token, key));

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Product.ProductId, second.Product.ProductId);
        Assert.Equal("draft", first.Product.Status);
        Assert.Equal([$"SID-{token.ToUpperInvariant()}-250", $"SID-{token.ToUpperInvariant()}-500"], first.Product.Variants.Select(v => v.Sku));
        var listed = await SendAsync(new ListCatalogueForStaff(Search: token));
        Assert.Single(listed.Items);
    }

    [Fact]
    public async Task A_new_product_with_a_bad_second_variant_and_no_Amharic_name_is_refused_with_both_fields_named_and_nothing_made()
    {
        var token = Token();
        var bad = NewProduct(token, Guid.NewGuid().ToString("N")) with
        {
            NameAm = "",
            Variants = [new StaffVariantInput($"OK-{token}", null, 100m, 1), new StaffVariantInput("no spaces allowed", null, 0m, 1)]
        };
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await SendAsync(bad));
        Assert.Contains("nameAm", refused.Errors.Keys);
        Assert.Contains("variants[1].sku", refused.Errors.Keys);
        Assert.Contains("variants[1].priceEtb", refused.Errors.Keys);
        Assert.Empty((await SendAsync(new ListCatalogueForStaff(Search: token))).Items);
    }

    [Fact]
    public async Task The_staff_list_pages_forwards_and_back_by_key_and_filters_by_status_category_stock_and_SKU()
    {
        var token = Token();
        var made = new List<StaffProduct>();
        for (var i = 0; i < 5; i++) made.Add((await SendAsync(NewProduct($"{token}{i}", Guid.NewGuid().ToString("N"), "Guji honey"))).Product);
        await SendAsync(new ChangeProductStatusForStaff(made[0].ProductId, true, Staff));
        var newestFirst = made.Select(p => p.ProductId).Reverse().ToList();

        var page1 = await SendAsync(new ListCatalogueForStaff(Search: token, PageSize: 2));
        Assert.Equal(newestFirst[..2], page1.Items.Select(p => p.ProductId));
        Assert.Null(page1.Previous);
        var page2 = await SendAsync(new ListCatalogueForStaff(Search: token, After: page1.Next, PageSize: 2));
        Assert.Equal(newestFirst[2..4], page2.Items.Select(p => p.ProductId));
        var page3 = await SendAsync(new ListCatalogueForStaff(Search: token, After: page2.Next, PageSize: 2));
        Assert.Equal(newestFirst[4..], page3.Items.Select(p => p.ProductId));
        Assert.Null(page3.Next);
        var back = await SendAsync(new ListCatalogueForStaff(Search: token, Before: page3.Previous, PageSize: 2));
        Assert.Equal(newestFirst[2..4], back.Items.Select(p => p.ProductId));
        Assert.NotNull(back.Previous);

        Assert.Equal([made[0].ProductId], (await SendAsync(new ListCatalogueForStaff(Search: token, Status: "published"))).Items.Select(p => p.ProductId));
        Assert.Equal(4, (await SendAsync(new ListCatalogueForStaff(Search: token, Status: "draft"))).Items.Count);
        Assert.Equal(5, (await SendAsync(new ListCatalogueForStaff(Search: token, CategorySlug: "coffee-beans", Stock: "low"))).Items.Count);
        Assert.Empty((await SendAsync(new ListCatalogueForStaff(Search: token, Stock: "out"))).Items);
        Assert.Empty((await SendAsync(new ListCatalogueForStaff(Search: token, CategorySlug: "textiles"))).Items);
        var bySku = await SendAsync(new ListCatalogueForStaff(Search: $"sid-{token}3-500"));
        Assert.Equal([made[3].ProductId], bySku.Items.Select(p => p.ProductId));
        var row = bySku.Items[0];
        Assert.Equal((2, 300.00m, 15, 3), (row.Variants, row.PriceEtb, row.Available, row.LowestAvailable));
    }

    [Fact]
    public async Task An_edit_sent_again_after_it_was_saved_is_a_replay_while_an_edit_of_an_older_version_is_refused_as_stale()
    {
        var token = Token();
        var product = (await SendAsync(NewProduct(token, Guid.NewGuid().ToString("N")))).Product;
        var edit = new UpdateProductForStaff(product.ProductId, product.Version, $"Sidama natural {token}", "የሲዳማ ቡና", "Sun-dried.", "በፀሐይ የደረቀ።", null, "coffee",
            new Dictionary<string, decimal> { [product.Variants[0].Sku] = 320.50m }, Staff);
        var saved = await SendAsync(edit);
        Assert.False(saved.Replayed);
        Assert.Equal(300.00m, saved.Before!.Variants[0].PriceEtb);
        Assert.Equal((320.50m, "coffee", "በፀሐይ የደረቀ።"), (saved.Product.Variants[0].PriceEtb, saved.Product.CategorySlug, saved.Product.DescriptionAm));
        Assert.NotEqual(product.Version, saved.Product.Version);

        Assert.True((await SendAsync(edit)).Replayed);
        await Assert.ThrowsAsync<AddisPay.Products.UpdateProduct.StaleWriteException>(async () => await SendAsync(edit with { Name = $"Another name {token}" }));
    }

    [Fact]
    public async Task An_uploaded_PNG_is_served_to_shoppers_only_once_published_with_an_immutable_cache_an_ETag_and_304_and_goes_when_removed()
    {
        var product = (await SendAsync(NewProduct(Token(), Guid.NewGuid().ToString("N")))).Product;
        var added = await SendAsync(new AddProductImage(product.ProductId, Png, "label.png", Staff));
        var image = Assert.Single(added.Product.Images);
        Assert.Equal(("image/png", (long?)Png.Length), (image.ContentType, image.Bytes));
        Assert.Equal(ProductImages.Uploaded(product.ProductId, image.Hash!), image.Url);
        Assert.True((await SendAsync(new AddProductImage(product.ProductId, Png, "again.png", Staff))).Replayed);

        using var http = platform.Factory.CreateClient();
        using (var draft = await http.GetAsync(image.Url)) Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        await SendAsync(new ChangeProductStatusForStaff(product.ProductId, true, Staff));
        using (var served = await http.GetAsync(image.Url))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
            Assert.Equal($"\"{image.Hash}\"", served.Headers.ETag?.Tag);
            Assert.True(served.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 365 } cache && cache.Extensions.Any(e => e.Name == "immutable"),
                $"cached for good: {served.Headers.CacheControl}");
        }
        using (var again = new HttpRequestMessage(HttpMethod.Get, image.Url))
        {
            again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{image.Hash}\""));
            using var notModified = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }
        var detail = await SendAsync(new GetProductDetail(product.ProductId.ToString()));
        Assert.Equal(image.Url, ProductImages.For(product.ProductId, detail!.Images));

        var removed = await SendAsync(new RemoveProductImage(product.ProductId, image.Hash!, Staff));
        Assert.Empty(removed.Product.Images);
        using (var gone = await http.GetAsync(image.Url)) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_text_file_named_jpg_and_a_picture_over_the_size_limit_are_refused_on_the_image_field_and_nothing_is_stored()
    {
        var product = (await SendAsync(NewProduct(Token(), Guid.NewGuid().ToString("N")))).Product;
        var script = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await SendAsync(new AddProductImage(product.ProductId, "<script>alert(1)</script>"u8.ToArray(), "photo.jpg", Staff)));
        Assert.Contains("not a JPEG, PNG or WebP", Assert.Single(script.Errors["image"]));

        var huge = new byte[2 * 1024 * 1024 + 1];
        Png.CopyTo(huge, 0);
        var tooLarge = await Assert.ThrowsAsync<ValidationFailedException>(async () => await SendAsync(new AddProductImage(product.ProductId, huge, "big.png", Staff)));
        Assert.Contains("the most taken is 2 MB", Assert.Single(tooLarge.Errors["image"]));
        Assert.Empty((await SendAsync(new GetProductForStaff(product.ProductId)))!.Images);
    }

    private static AddVariantForStaff NewVariant(StaffProduct product, string sku, decimal priceEtb = 1050.00m, int stock = 7) =>
        new(product.ProductId, product.Version, sku, new Dictionary<string, string> { ["size"] = "1 kg" }, priceEtb, stock, Staff, Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_variant_added_to_a_published_product_is_sold_at_its_price_with_its_initial_stock_and_the_same_form_sent_again_is_replayed()
    {
        var token = Token();
        var product = (await SendAsync(NewProduct(token, Guid.NewGuid().ToString("N")))).Product;
        product = (await SendAsync(new ChangeProductStatusForStaff(product.ProductId, true, Staff))).Product;
        var add = NewVariant(product, $"sid-{token}-1000");

        var added = await SendAsync(add);
        var again = await SendAsync(add);

        Assert.False(added.Replayed);
        Assert.True(again.Replayed);
        var sku = $"SID-{token.ToUpperInvariant()}-1000";
        Assert.Equal((1050.00m, 7, "1 kg"), added.Product.Variants.Where(v => v.Sku == sku).Select(v => (v.PriceEtb, v.OnHand, v.Options["size"])).Single());
        Assert.Equal(3, again.Product.Variants.Count);
        var offer = await SendAsync(new GetProductOffer(product.ProductId, sku));
        Assert.Equal((1050.00m, 7, true), (offer!.PriceEtb, offer.Available, offer.Purchasable));
        await using var conn = new Npgsql.NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var ledger = new Npgsql.NpgsqlCommand("select string_agg(\"Reason\" || ':' || \"OnHandDelta\", ',') from products.stock_movements where \"Sku\" = @sku", conn)
            { Parameters = { new("sku", sku) } };
        Assert.Equal("initial_stock:7", await ledger.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_new_variant_with_a_bad_SKU_price_and_stock_is_refused_with_each_field_error_and_writes_nothing()
    {
        var product = (await SendAsync(NewProduct(Token(), Guid.NewGuid().ToString("N")))).Product;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await SendAsync(NewVariant(product, "no spaces!", priceEtb: 10.005m, stock: -1)));

        Assert.Equal(["priceEtb", "sku", "stock"], refused.Errors.Keys.Order());
        var now = (await SendAsync(new GetProductForStaff(product.ProductId)))!;
        Assert.Equal((2, product.Version), (now.Variants.Count, now.Version));
    }

    [Fact]
    public async Task A_new_variant_whose_SKU_another_product_holds_is_a_conflict_and_writes_nothing()
    {
        var other = (await SendAsync(NewProduct(Token(), Guid.NewGuid().ToString("N")))).Product;
        var product = (await SendAsync(NewProduct(Token(), Guid.NewGuid().ToString("N")))).Product;

        var refused = await Assert.ThrowsAsync<ConflictException>(async () => await SendAsync(NewVariant(product, other.Variants[0].Sku.ToLowerInvariant())));

        Assert.Equal("products.sku-taken", refused.Reason?.Code);
        Assert.Equal(2, (await SendAsync(new GetProductForStaff(product.ProductId)))!.Variants.Count);
    }

    [Fact]
    public async Task A_new_variant_from_a_form_read_before_another_change_of_the_product_is_refused_as_stale()
    {
        var token = Token();
        var product = (await SendAsync(NewProduct(token, Guid.NewGuid().ToString("N")))).Product;
        await SendAsync(new UpdateProductForStaff(product.ProductId, product.Version, $"Renamed coffee {token}", product.NameAm, null, null, null, product.CategorySlug,
            new Dictionary<string, decimal>(), Staff));

        await Assert.ThrowsAsync<AddisPay.Products.UpdateProduct.StaleWriteException>(async () => await SendAsync(NewVariant(product, $"SID-{token}-2000")));
        Assert.Equal(2, (await SendAsync(new GetProductForStaff(product.ProductId)))!.Variants.Count);
    }
}
