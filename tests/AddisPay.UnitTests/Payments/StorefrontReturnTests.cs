using AddisPay.Payments.Domain;
using AddisPay.Shared.Contracts;

namespace AddisPay.UnitTests.Payments;

/// <summary>Where a gateway may send a customer back after checkout: the storefront's own origins only (pure rules).</summary>
public sealed class StorefrontReturnTests
{
    private static readonly Uri[] Storefront = [new("https://shop.addispay.et"), new("https://www.addispay.et")];

    [Theory]
    [InlineData("https://shop.addispay.et/orders/123", "https://shop.addispay.et/orders/123")]
    [InlineData("https://SHOP.addispay.et:443/orders/123?paid=1#top", "https://shop.addispay.et/orders/123?paid=1#top")]
    [InlineData("https://www.addispay.et/", "https://www.addispay.et/")]
    [InlineData("/orders/123", "https://shop.addispay.et/orders/123")]
    [InlineData("/orders/../account", "https://shop.addispay.et/account")]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    public void An_address_on_the_storefront_or_a_path_resolves_to_an_absolute_storefront_address(string? given, string? expected) =>
        Assert.Equal(expected, StorefrontReturn.Resolve(given, Storefront));

    [Theory]
    [InlineData("https://evil.example/orders/123")]
    [InlineData("https://shop.addispay.et.evil.example/")]
    [InlineData("http://shop.addispay.et/orders/123")]
    [InlineData("https://shop.addispay.et:8443/")]
    [InlineData("https://shop.addispay.et@evil.example/")]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript://shop.addispay.et/%0aalert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//evil.example/orders")]
    [InlineData("/\\evil.example/orders")]
    [InlineData("https://shop.addispay.et/\r\nSet-Cookie: a=b")]
    [InlineData("orders/123")]
    [InlineData("ftp://shop.addispay.et/")]
    public void Any_other_address_is_refused_on_the_returnUrl_field(string given)
    {
        var refused = Assert.Throws<ValidationFailedException>(() => StorefrontReturn.Resolve(given, Storefront));
        Assert.Equal([StorefrontReturn.Field], refused.Errors.Keys);
    }

    [Fact]
    public void Without_a_configured_storefront_every_return_address_is_refused()
    {
        Assert.Throws<ValidationFailedException>(() => StorefrontReturn.Resolve("/orders/123", []));
        Assert.Throws<ValidationFailedException>(() => StorefrontReturn.Resolve("https://shop.addispay.et/", []));
        Assert.Null(StorefrontReturn.Resolve(null, []));
    }

    [Theory]
    [InlineData("https://shop.addispay.et", true)]
    [InlineData("http://127.0.0.1:5080/", true)]
    [InlineData("https://shop.addispay.et/checkout", false)]
    [InlineData("https://user@shop.addispay.et", false)]
    [InlineData("shop.addispay.et", false)]
    [InlineData("javascript:alert(1)", false)]
    public void Only_an_http_origin_with_nothing_after_it_is_a_storefront_origin(string origin, bool valid) =>
        Assert.Equal(valid, StorefrontReturn.ParseOrigin(origin) is not null);
}
