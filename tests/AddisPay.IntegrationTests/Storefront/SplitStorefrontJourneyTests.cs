using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// The storefront with every module a shopper reaches (Products, Search, Cart, Users, Notifications, Reviews,
/// Recommendations, Orders, Payments) each in its own process, as a cluster runs them: every call the pages make goes
/// through the Contracts over HTTP, and the sandbox gateway's page is on another origin than the shop's.
/// </summary>
[Collection(SplitShopBrowserCollection.SplitShopBrowser)]
public sealed class SplitStorefrontJourneyTests(ShopBrowser browser, SplitShop fixture, ITestOutputHelper output) : IClassFixture<SplitShop>, IDisposable
{
    private readonly StorefrontShop _shop = fixture.Shop;

    // A request that fails in one module shows up in its own process's log: each process's latest errors, by module.
    public void Dispose() =>
        output.WriteLine(string.Join('\n', _shop.Processes.SelectMany(p => p.Output.Split('\n')
            .Where(l => l.Contains("\"error\"") || l.Contains("ERR")).TakeLast(10).Select(l => $"[{p.Modules}] {l}"))));

    [Fact]
    public async Task A_kept_page_carries_each_visitors_own_antiforgery_token_and_shows_a_new_price_at_once_when_each_module_runs_in_its_own_process()
    {
        var run = await KeptPages.RunAsync(_shop);
        output.WriteLine($"category page repriced after {run.CategoryRepricedAfterMs} ms");
        KeptPages.AssertAll(run);
    }

    // The shopper journey runs here in Amharic only (English in one process above): the suite's time is the limit.
    [Fact]
    public Task A_shopper_completes_the_journey_in_Amharic_when_each_module_runs_in_its_own_process() =>
        ShopperJourney.RunAsync(browser, _shop.Address, "split-amharic", amharic: true);

    // Checkout, the address book, the language kept by the profile, reviewing and returning a delivered order ride on the
    // account journey (the shopper is signed in with a cart there): one registration for all.
    [Fact]
    public Task A_visitor_registers_signs_in_keeps_an_address_book_checks_out_to_the_default_address_pays_at_the_sandbox_comes_back_to_an_order_expired_unpaid_switches_the_profiles_language_reviews_and_returns_a_delivered_order_and_signs_out_in_Amharic_when_each_module_runs_in_its_own_process() =>
        AccountJourney.RunAsync(browser, _shop, "split-account-amharic", amharic: true, whileSignedIn: async (context, email) =>
        {
            await AddressBookJourney.KeepAddressesAsync(context, "split-addresses-amharic", amharic: true);
            await CheckoutJourney.CheckOutAsync(context, "split-checkout-amharic", amharic: true, defaultAddress: "ቤት");
            await CheckoutJourney.ComeBackAfterThePaymentWindowAsync(context, _shop, email, "split-checkout-amharic", amharic: true);
            // The switch while signed in reaches Users in its own process (in one process: the account pages journey).
            await AccountPagesJourney.SwitchLanguageKeptByTheProfileAsync(browser, _shop, context, email);
            var delivered = await ReviewJourney.ReviewDeliveredOrderAsync(context, _shop, email, "split-review-amharic", amharic: true);
            await ReturnJourney.ReturnDeliveredGoodsAsync(context, _shop, delivered, "split-return-amharic", amharic: true);
        });

    [Fact]
    public async Task A_shopper_resets_a_forgotten_password_through_the_emailed_link_when_each_module_runs_in_its_own_process()
    {
        PageChecks.SkipAxeAsCheckedInOneProcess();
        var (context, _, _) = await AccountPagesJourney.ResetForgottenPasswordAsync(browser, _shop, "split-reset-password");
        await context.CloseAsync();
    }

    [Fact]
    public Task A_customer_exports_each_modules_part_of_their_data_and_deletion_leaves_no_module_holding_anything_personal_when_each_module_runs_in_its_own_process() =>
        PersonalDataJourney.ExportThenEraseAsync(_shop);

    [Fact]
    public async Task An_admin_fulfils_and_partly_refunds_a_customers_order_and_sees_the_audit_log_when_the_back_office_and_each_module_run_in_their_own_processes()
    {
        PageChecks.SkipAxeAsCheckedInOneProcess();
        await AddisPay.IntegrationTests.BackOffice.BackOfficeJourney.RunAsync(browser, _shop, _shop.BackOffice, "split-backoffice");
    }

    [Fact]
    public async Task An_admin_restocks_a_SKU_sees_the_movement_creates_a_category_and_imports_a_CSV_when_the_back_office_and_products_run_in_their_own_processes()
    {
        PageChecks.SkipAxeAsCheckedInOneProcess();
        await AddisPay.IntegrationTests.BackOffice.StockAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "split-stock");
    }

    [Fact]
    public async Task An_admin_hides_a_reported_review_replays_a_dead_lettered_event_and_locks_then_unlocks_a_customer_when_the_back_office_and_each_module_run_in_their_own_processes()
    {
        PageChecks.SkipAxeAsCheckedInOneProcess();
        await AddisPay.IntegrationTests.BackOffice.OperationsAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "split-operations");
    }

    [Fact]
    public async Task An_admin_creates_uploads_a_picture_for_publishes_and_adds_a_variant_to_a_product_that_a_shopper_then_adds_to_the_cart_when_the_back_office_and_each_module_run_in_their_own_processes()
    {
        PageChecks.SkipAxeAsCheckedInOneProcess();
        await AddisPay.IntegrationTests.BackOffice.CatalogueAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "split-catalogue-admin");
    }

    // axe ran on the same pages in one process (the markup is the same): here the journey checks what crosses processes.
    // So in every split journey that runs in the one-process journey's language (English); the Amharic ones keep axe.
    [Fact]
    public Task An_admin_creates_a_coupon_that_a_customer_applies_at_checkout_and_sees_its_use_when_the_back_office_and_each_module_run_in_their_own_processes() =>
        AddisPay.IntegrationTests.BackOffice.CouponAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "split-coupons", axe: false);

    [Fact]
    public Task An_admin_composes_previews_and_sends_a_campaign_that_an_opted_in_customer_receives_in_Amharic_when_the_back_office_and_notifications_run_in_their_own_processes() =>
        AddisPay.IntegrationTests.BackOffice.CampaignAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "split-campaigns", axeInAmharic: false);

    [Fact]
    public async Task A_shopper_filters_reads_reviews_votes_one_helpful_and_watches_when_reviews_recommendations_and_notifications_answer_from_another_process()
    {
        PageChecks.SkipAxeAsCheckedInOneProcess();
        await CatalogueJourney.RunAsync(browser, _shop, "split-catalogue", picturesServed: false);
    }
}
