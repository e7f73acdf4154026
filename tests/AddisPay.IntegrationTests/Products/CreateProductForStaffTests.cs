using AddisPay.Products.Contracts;
using AddisPay.Shared.Contracts;
using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>A back office's new product (CreateProductForStaff, the Contracts): one product per form key, field errors under the API's names.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CreateProductForStaffTests(CatalogueAndCartPlatform platform)
{
    /// <summary>One form of two variants sent twice with one key: both answers and the staff list searched by its token.</summary>
    private sealed record SentTwice(string Token, StaffProductChanged First, StaffProductChanged Second, int Listed);

    private Task<SentTwice> SentTwiceAsync() => ArrangedAsync(platform, async shop =>
    {
        var (token, key) = (Token(), Key());
        var first = await shop.SendAsync(NewStaffProduct(token, key));
        var second = await shop.SendAsync(NewStaffProduct(token, key));
        return new SentTwice(token, first, second, (await shop.SendAsync(new ListCatalogueForStaff(Search: token))).Items.Count);
    });

    [Fact]
    public async Task The_same_form_key_sent_twice_makes_one_product()
    {
        var sent = await SentTwiceAsync();
        Assert.Equal(sent.First.Product.ProductId, sent.Second.Product.ProductId);
        Assert.Equal(1, sent.Listed);
    }

    [Fact]
    public async Task The_second_answer_of_a_form_sent_twice_is_the_first_replayed()
    {
        var sent = await SentTwiceAsync();
        Assert.False(sent.First.Replayed);
        Assert.True(sent.Second.Replayed);
    }

    [Fact]
    public async Task A_new_product_is_a_draft() =>
        Assert.Equal("draft", (await SentTwiceAsync()).First.Product.Status);

    [Fact]
    public async Task A_new_products_SKUs_are_kept_in_upper_case_in_the_order_sent()
    {
        var sent = await SentTwiceAsync();
        Assert.Equal([$"SID-{sent.Token.ToUpperInvariant()}-250", $"SID-{sent.Token.ToUpperInvariant()}-500"], sent.First.Product.Variants.Select(v => v.Sku));
    }

    /// <summary>A form with no Amharic name and a second variant with a SKU holding spaces and no price: the refusal and the staff list searched by its token.</summary>
    private sealed record Refused(Exception? Error, int Listed)
    {
        public IReadOnlyDictionary<string, string[]> Errors => Assert.IsType<ValidationFailedException>(Error).Errors;
    }

    private Task<Refused> RefusedAsync() => ArrangedAsync(platform, async shop =>
    {
        var token = Token();
        var bad = NewStaffProduct(token, Key()) with
        {
            NameAm = "",
            Variants = [new StaffVariantInput($"OK-{token}", null, 100m, 1), new StaffVariantInput("no spaces allowed", null, 0m, 1)]
        };
        var error = await Record.ExceptionAsync(async () => await shop.SendAsync(bad));
        return new Refused(error, (await shop.SendAsync(new ListCatalogueForStaff(Search: token))).Items.Count);
    });

    [Fact]
    public async Task A_new_product_with_no_Amharic_name_is_refused_naming_nameAm() =>
        Assert.Contains("nameAm", (await RefusedAsync()).Errors.Keys);

    [Fact]
    public async Task A_new_product_with_a_bad_second_variant_is_refused_naming_its_sku_and_price()
    {
        var errors = (await RefusedAsync()).Errors;
        Assert.Contains("variants[1].sku", errors.Keys);
        Assert.Contains("variants[1].priceEtb", errors.Keys);
    }

    [Fact]
    public async Task A_refused_new_product_makes_nothing() =>
        Assert.Equal(0, (await RefusedAsync()).Listed);
}
