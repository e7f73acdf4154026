using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// The shoppers' journeys across the storefront's pages in one process with every module ("all"), as a laptop or a small
/// shop runs it; what one page does is in that page's class (ProductTests, CheckoutTests, ...) on the same shop.
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class StorefrontJourneyTests(ShopBrowser browser, AllInOneShop fixture, ITestOutputHelper output) : IDisposable
{
    private readonly StorefrontShop _shop = fixture.Shop;

    public void Dispose() => output.WriteLine(fixture.LatestErrors());

    [Fact]
    public Task A_shopper_on_a_phone_finds_misspelt_coffee_and_puts_it_in_the_cart_in_English() =>
        ShopperJourney.RunAsync(browser, _shop.Address, "all-english", amharic: false);

    // In Amharic the same journey runs against the split topology (SplitStorefrontJourneyTests): once per language is
    // what the suite's time allows.

    [Fact]
    public Task A_shopper_without_JavaScript_browses_and_adds_to_the_cart_with_plain_form_posts() =>
        ShopperJourney.RunAsync(browser, _shop.Address, "all-no-javascript", amharic: false, javaScript: false);

    // Checkout and the address book ride on the account journey (the shopper is signed in with a cart there): one
    // registration for both. Reviewing a delivered order runs in the split topology only, where every call it makes
    // crosses a process (in one process its Contracts are covered by Reviews/WriteShopperReviewTests and the other
    // *ShopperReview*Tests); the suite's time allows one.
    [Fact]
    public Task A_visitor_registers_confirms_the_email_signs_in_keeps_the_cart_is_signed_in_on_a_second_storefront_keeps_an_address_book_checks_out_to_the_default_address_pays_has_a_payment_declined_returns_a_delivered_order_and_signs_out() =>
        AccountJourney.RunAsync(browser, _shop, "all-account-english", amharic: false, whileSignedIn: async (context, email) =>
        {
            // A second storefront process on the same database, as a second replica behind the ingress. Cookies belong
            // to the host, not the port: the browser sends the session to it as an ingress would.
            var replica = await _shop.AnotherStorefrontAsync(fixture.Database);
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(replica.BaseAddress, "/account").ToString());
            await Microsoft.Playwright.Assertions.Expect(page.Locator("main")).ToContainTextAsync(email);
            await page.CloseAsync();

            await AddressBookJourney.KeepAddressesAsync(context, "all-addresses-english", amharic: false);
            await CheckoutJourney.CheckOutAsync(context, "all-checkout-english", amharic: false, defaultAddress: "Home");
            // A declined payment, through the gateway hand-off and the sandbox's page; an order expired unpaid rides on the split journey.
            await CheckoutJourney.DeclinePaymentAsync(context, _shop, email, "all-checkout-english", amharic: false);
            // Returning a delivered order; its refund and credit note ride on the split journey (the suite's time allows one).
            await ReturnJourney.ReturnDeliveredGoodsAsync(context, _shop, await ReviewJourney.DeliveredOrderAsync(_shop, email), "all-return-english", amharic: false,
                refund: false);
        });

    [Fact]
    public async Task A_shopper_resets_a_forgotten_password_switches_the_profile_to_Amharic_which_follows_them_to_the_next_sign_in_downloads_the_data_and_deletes_the_account()
    {
        var (context, page, email) = await AccountPagesJourney.ResetForgottenPasswordAsync(browser, _shop, "all-account-pages");
        await using var _ = context;
        await AccountPagesJourney.ManageProfileExportAndDeleteAsync(context, page, email, "all-account-pages");
    }

    [Fact]
    public Task A_customer_who_ordered_paid_reviewed_voted_got_emails_and_browsed_exports_each_modules_part_and_deletion_leaves_no_module_holding_anything_personal() =>
        PersonalDataJourney.ExportThenEraseAsync(_shop);

    [Fact]
    public Task A_shopper_filters_a_category_reads_reviews_votes_one_helpful_once_and_watches_a_sold_out_variant() =>
        CatalogueJourney.RunAsync(browser, _shop, "all-catalogue", picturesServed: true);
}
