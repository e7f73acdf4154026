using AddisPay.Storefront.Shopping;
using Microsoft.AspNetCore.Http;

namespace AddisPay.UnitTests.Storefront;

/// <summary>Which paths are the shop's pages, and where the language switch may send a shopper back to.</summary>
public sealed class ShopPathsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/c/coffee-beans")]
    [InlineData("/apis-of-ethiopia")] // only whole segments count
    public void Shop_paths_are_pages(string path) => Assert.True(ShopPaths.IsPage(new PathString(path)));

    [Theory]
    [InlineData("/api/products")]
    [InlineData("/API/cart")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    [InlineData("/internal/contracts")]
    [InlineData("/_framework/blazor.web.js")]
    public void The_api_and_the_platforms_endpoints_are_not_pages(string path) => Assert.False(ShopPaths.IsPage(new PathString(path)));

    [Theory]
    [InlineData("/admin")]
    [InlineData("/Admin/orders/42")]
    public void The_back_offices_pages_are_not_the_shops_so_its_not_found_page_and_kept_pages_leave_them_alone(string path) =>
        Assert.False(ShopPaths.IsPage(new PathString(path)));

    [Theory]
    [InlineData("/admin-tips")] // only the whole segment is the back office's
    public void A_shop_page_may_start_with_the_letters_admin(string path) => Assert.True(ShopPaths.IsPage(new PathString(path)));

    [Theory]
    [InlineData("/cart", "/cart")]
    [InlineData("/p/yirgacheffe?variant=500g", "/p/yirgacheffe?variant=500g")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("cart", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void The_language_switch_returns_only_to_a_page_of_this_site(string? url, string target) =>
        Assert.Equal(target, ShopPaths.LocalOrHome(url));
}
