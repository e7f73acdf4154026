namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The checkout pages (Components/Pages/Checkout/) to a visitor; checking out runs in the account journeys (StorefrontJourneyTests).</summary>
[Collection(nameof(ShopBrowser))]
public sealed class CheckoutTests(AllInOneShop shop)
{
    [Fact]
    public async Task Checkout_sends_a_visitor_to_sign_in_and_back() =>
        Assert.Equal("/account/sign-in?returnUrl=%2Fcheckout", await shop.RedirectOfAsync("/checkout"));
}
