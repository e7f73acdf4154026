using AddisPay.Products.Contracts;
using AddisPay.Storefront.Shopping;

namespace AddisPay.UnitTests.Storefront;

public sealed class VisitorPageCacheTests
{
    private static ProductDetail Mitmita(decimal price = 260m, int available = 70, string size = "250 g") =>
        new(Guid.Parse("0190f7a0-0000-7000-8000-000000000001"), "mitmita-spice", "Mitmita spice", "ሚጥሚጣ", "Hot", "ትኩስ", "Mama's Kitchen",
            "spices", "Spices", "ቅመማ ቅመም", ["/api/products/1/image.svg"],
            [new ProductVariant("MIT-MIX-250-G", new Dictionary<string, string> { ["size"] = size }, price, available)], 4.5m, 2);

    [Fact]
    public void A_product_read_again_with_equal_lists_is_the_same_product() =>
        Assert.True(VisitorPageCache.SameProduct(Mitmita(), Mitmita()));

    [Theory]
    [InlineData(275, 70, "250 g")]
    [InlineData(260, 69, "250 g")]
    [InlineData(260, 70, "500 g")]
    public void A_product_whose_price_stock_or_variant_options_changed_is_not_the_same_product(decimal price, int available, string size) =>
        Assert.False(VisitorPageCache.SameProduct(Mitmita(price, available, size), Mitmita()));

    [Fact]
    public void A_product_with_another_name_or_picture_is_not_the_same_product()
    {
        Assert.False(VisitorPageCache.SameProduct(Mitmita() with { Name = "Mitmita" }, Mitmita()));
        Assert.False(VisitorPageCache.SameProduct(Mitmita() with { Images = ["/other.svg"] }, Mitmita()));
    }
}
