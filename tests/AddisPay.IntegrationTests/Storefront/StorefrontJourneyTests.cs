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

    // The back office runs in these processes too: its journey and role tests share them (BackOffice/).
    [Fact]
    public Task An_admin_signs_in_finds_a_customers_order_marks_it_processing_ships_it_with_a_tracking_number_delivers_it_refunds_part_and_sees_each_step_in_the_audit_log() =>
        AddisPay.IntegrationTests.BackOffice.BackOfficeJourney.RunAsync(browser, _shop, _shop.BackOffice, "all-backoffice");

    [Fact]
    public Task Every_back_office_page_and_form_sends_a_visitor_to_the_staff_sign_in_and_a_shoppers_session_opens_none() =>
        AddisPay.IntegrationTests.BackOffice.BackOfficeAccess.VisitorsAndShoppersAreSentToTheStaffSignInAsync(_shop.BackOffice, _shop);

    [Fact]
    public Task A_customer_signing_in_to_the_back_office_with_the_right_password_is_told_the_account_has_no_access_and_gets_no_staff_session() =>
        AddisPay.IntegrationTests.BackOffice.BackOfficeAccess.CustomersAreToldTheyHaveNoAccessAsync(_shop.BackOffice);

    [Fact]
    public Task Support_opens_the_dashboard_and_orders_but_not_the_audit_log_or_the_catalogue_and_the_server_refuses_its_refund_above_the_configured_limit() =>
        AddisPay.IntegrationTests.BackOffice.BackOfficeAccess.SupportWorksOrdersWithinItsLimitAsync(_shop.BackOffice, _shop, StorefrontShop.SupportRefundLimit);

    [Fact]
    public Task An_admin_creates_a_product_with_two_variants_uploads_a_picture_publishes_it_adds_a_third_variant_and_a_shopper_sees_that_picture_and_adds_the_new_variant_to_the_cart() =>
        AddisPay.IntegrationTests.BackOffice.CatalogueAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "all-catalogue-admin");

    [Fact]
    public Task An_admin_creates_a_coupon_of_one_use_per_customer_that_a_customer_applies_at_checkout_with_the_discount_and_VAT_shown_and_the_coupon_page_shows_the_use_and_the_order() =>
        AddisPay.IntegrationTests.BackOffice.CouponAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "all-coupons");

    [Fact]
    public Task Support_is_sent_away_from_the_coupon_pages_and_its_posts_to_their_forms_change_nothing() =>
        AddisPay.IntegrationTests.BackOffice.CouponAdminJourney.SupportIsRefusedCouponsAsync(_shop.BackOffice, _shop);

    [Fact]
    public Task A_new_coupon_form_submitted_twice_creates_one_coupon_and_is_audited_once() =>
        AddisPay.IntegrationTests.BackOffice.CouponAdminJourney.ADoubleSubmitCreatesOnceAsync(_shop.BackOffice);

    [Fact]
    public Task An_admin_opens_every_back_office_page_the_audit_log_included() =>
        AddisPay.IntegrationTests.BackOffice.BackOfficeAccess.AdminsOpenEveryPageAsync(_shop.BackOffice, _shop);

    [Fact]
    public Task An_admin_follows_the_low_stock_figure_to_the_list_restocks_a_SKU_with_a_reason_sees_the_movement_creates_a_category_imports_a_CSV_with_a_bad_row_and_finds_each_in_the_audit_log() =>
        AddisPay.IntegrationTests.BackOffice.StockAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "all-stock");

    [Fact]
    public Task An_admin_downloads_the_import_template_and_the_catalogue_export_which_the_audit_log_records() =>
        AddisPay.IntegrationTests.BackOffice.StockAdminJourney.AnAdminDownloadsTheTemplateAndTheExportAsync(_shop.BackOffice);

    [Fact]
    public Task A_stock_adjustment_form_submitted_twice_adjusts_the_stock_once_and_is_audited_once() =>
        AddisPay.IntegrationTests.BackOffice.StockAdminJourney.ADoubleSubmitAdjustsOnceAsync(_shop.BackOffice, _shop);

    [Fact]
    public Task Support_is_sent_away_from_the_inventory_and_category_pages_and_its_posts_to_their_forms_change_nothing() =>
        AddisPay.IntegrationTests.BackOffice.BackOfficeAccess.SupportIsRefusedStockAndCategoriesAsync(_shop.BackOffice, _shop);

    [Fact]
    public Task An_admin_hides_a_reported_review_replays_an_event_a_broken_handler_dead_lettered_and_locks_then_unlocks_a_customer() =>
        AddisPay.IntegrationTests.BackOffice.OperationsAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "all-operations");

    [Fact]
    public Task An_admin_composes_a_campaign_in_English_and_Amharic_previews_it_sends_it_now_and_an_opted_in_customer_receives_it_in_Amharic() =>
        AddisPay.IntegrationTests.BackOffice.CampaignAdminJourney.RunAsync(browser, _shop, _shop.BackOffice, "all-campaigns", axeInAmharic: true);

    [Fact]
    public Task Support_and_customers_are_refused_the_campaign_pages_their_forms_and_the_campaign_API() =>
        AddisPay.IntegrationTests.BackOffice.CampaignAccess.SupportAndCustomersAreRefusedCampaignsAsync(_shop.BackOffice, _shop);

    [Fact]
    public Task Support_locks_unlocks_and_exports_a_customer_but_the_server_refuses_its_change_of_roles() =>
        AddisPay.IntegrationTests.BackOffice.PeopleAccess.SupportLocksExportsButChangesNoRoleAsync(_shop.BackOffice, _shop);

    [Fact]
    public Task Staff_find_a_customer_by_a_phone_number_typed_with_the_country_code_that_was_saved_without_it() =>
        AddisPay.IntegrationTests.BackOffice.CustomerSearch.StaffFindACustomerByAPhoneTypedInAnotherFormAsync(_shop.BackOffice, _shop);

    [Fact]
    public Task An_admin_grants_and_revokes_the_support_role_but_may_not_remove_their_own_admin_role() =>
        AddisPay.IntegrationTests.BackOffice.PeopleAccess.AdminsChangeRolesButNotTheirOwnAdminRoleAsync(_shop.BackOffice, _shop);

    // The staff actions the journeys do not reach, over plain HTTP (BackOffice/OperationsActions.cs).
    [Fact]
    public Task An_admin_settles_by_hand_a_payment_nobody_confirmed_the_order_is_paid_and_the_audit_log_holds_the_settlement_done_with_the_state_before_and_after() =>
        AddisPay.IntegrationTests.BackOffice.OperationsActions.AnAdminSettlesAPaymentByHandAsync(_shop.BackOffice, _shop, fixture.Database);

    [Fact]
    public Task Support_is_refused_settling_a_payment_by_hand_even_with_a_crafted_post_and_the_payment_stays_pending_with_nothing_on_record() =>
        AddisPay.IntegrationTests.BackOffice.OperationsActions.SupportIsRefusedSettlingAPaymentByHandAsync(_shop.BackOffice, _shop, fixture.Database);

    [Fact]
    public Task Support_approves_a_review_waiting_for_moderation_which_then_shows_on_the_product_and_the_audit_log_holds_the_approval_done() =>
        AddisPay.IntegrationTests.BackOffice.OperationsActions.SupportApprovesAWaitingReviewAsync(_shop.BackOffice, _shop, fixture.Database);

    [Fact]
    public Task Support_restores_a_hidden_review_which_shows_on_the_product_again_and_the_audit_log_holds_the_restore_done() =>
        AddisPay.IntegrationTests.BackOffice.OperationsActions.SupportRestoresAHiddenReviewAsync(_shop.BackOffice, _shop);

    [Fact]
    public Task Support_resends_a_message_that_gave_up_from_the_delivery_log_a_second_email_arrives_and_the_audit_log_holds_the_resend_done() =>
        AddisPay.IntegrationTests.BackOffice.OperationsActions.SupportResendsAMessageThatGaveUpAsync(_shop.BackOffice, _shop, fixture.Database);
}
