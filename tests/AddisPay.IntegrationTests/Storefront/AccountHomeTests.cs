namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The account's page (Components/Pages/Account/AccountHome.razor) to a visitor; a signed-in shopper's runs in the account journeys.</summary>
[Collection(nameof(ShopBrowser))]
public sealed class AccountHomeTests(AllInOneShop shop)
{
    [Fact]
    public async Task A_page_for_signed_in_shoppers_sends_a_visitor_to_sign_in_and_back() =>
        Assert.Equal("/account/sign-in?returnUrl=%2Faccount", await shop.RedirectOfAsync("/account"));
}
