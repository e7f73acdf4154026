using AddisPay.IntegrationTests.Storefront;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The admins' journeys in the browser, each across several back-office pages and the shop's (so not a page's class), on
/// the one-process shop the storefront's classes share; the same journeys with each module in its own process are in
/// Storefront/SplitStorefrontJourneyTests.cs.
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class BackOfficeJourneyTests(ShopBrowser browser, AllInOneShop fixture, ITestOutputHelper output) : IDisposable
{
    private StorefrontShop Shop => fixture.Shop;

    public void Dispose() => output.WriteLine(fixture.LatestErrors());

    [Fact]
    public Task An_admin_signs_in_finds_a_customers_order_marks_it_processing_ships_it_with_a_tracking_number_delivers_it_refunds_part_and_sees_each_step_in_the_audit_log() =>
        BackOfficeJourney.RunAsync(browser, Shop, Shop.BackOffice, "all-backoffice");

    [Fact]
    public Task An_admin_creates_a_product_with_two_variants_uploads_a_picture_publishes_it_adds_a_third_variant_and_a_shopper_sees_that_picture_and_adds_the_new_variant_to_the_cart() =>
        CatalogueAdminJourney.RunAsync(browser, Shop, Shop.BackOffice, "all-catalogue-admin");

    [Fact]
    public Task An_admin_creates_a_coupon_of_one_use_per_customer_that_a_customer_applies_at_checkout_with_the_discount_and_VAT_shown_and_the_coupon_page_shows_the_use_and_the_order() =>
        CouponAdminJourney.RunAsync(browser, Shop, Shop.BackOffice, "all-coupons");

    [Fact]
    public Task An_admin_follows_the_low_stock_figure_to_the_list_restocks_a_SKU_with_a_reason_sees_the_movement_creates_a_category_imports_a_CSV_with_a_bad_row_and_finds_each_in_the_audit_log() =>
        StockAdminJourney.RunAsync(browser, Shop, Shop.BackOffice, "all-stock");

    [Fact]
    public Task An_admin_hides_a_reported_review_replays_an_event_a_broken_handler_dead_lettered_and_locks_then_unlocks_a_customer() =>
        OperationsAdminJourney.RunAsync(browser, Shop, Shop.BackOffice, "all-operations");

    [Fact]
    public Task An_admin_composes_a_campaign_in_English_and_Amharic_previews_it_sends_it_now_and_an_opted_in_customer_receives_it_in_Amharic() =>
        CampaignAdminJourney.RunAsync(browser, Shop, Shop.BackOffice, "all-campaigns", axeInAmharic: true);
}
