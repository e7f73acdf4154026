using Xunit;

namespace AddisPay.ArchitectureTests;

/// <summary>
/// The integration tests mirror src (issue 20 item 6; <see cref="TestLayout"/>): a newcomer looking for the test of a use
/// case opens <c>tests/AddisPay.IntegrationTests/&lt;Module&gt;/&lt;UseCase&gt;Tests.cs</c>. Checked for the modules converted so far.
/// </summary>
public sealed class TestLayoutTests
{
    /// <summary>The modules whose integration test folder is laid out by use case. Grows as modules are converted.</summary>
    private static readonly string[] Converted = ["BackOffice", "Cart", "Notifications", "Orders", "Payments", "Products", "Recommendations", "Reviews", "Search", "Storefront", "Users"];

    /// <summary>
    /// Test files of converted modules that test no single use case, each with its reason (module/file). The list only
    /// grows with a reason: <see cref="Every_named_test_file_exists_so_the_list_stays_true"/> fails on an entry that is gone.
    /// </summary>
    private static readonly Dictionary<string, string> Named = new()
    {
        ["BackOffice/BackOfficeAccessTests.cs"] = "one role rule over every back-office page, form and download (visitors, shoppers, support, admins), not a page's",
        ["BackOffice/BackOfficeJourneyTests.cs"] = "the admins' journeys in the browser, each across several back-office pages and the shop's (orders, catalogue, coupons, stock, operations, campaigns)",
        ["Cart/CartAccessTests.cs"] = "the model's helper every customer change goes through (Domain/CartAccess.cs: applied again when the platform wrote the cart meanwhile, refused when it keeps changing), driven directly",
        ["Notifications/DeliveryFailureTests.cs"] = "delivery, the delivery log and resends with both providers failing, a setting that needs a platform of its own",
        ["Notifications/QuietHoursTests.cs"] = "promotions and order updates under quiet hours, a setting that needs a platform of its own",
        ["Notifications/StaffCampaignAccessTests.cs"] = "one role rule over the seven staff campaign use cases (list, compose, change, schedule, cancel, results, preview)",
        ["Orders/CustomerOrderContractsTests.cs"] = "the shop front's order Contracts (quote, place, pay, read, cancel) in both topologies, one process and split, on a fixture of its own",
        ["Orders/SplitCheckoutTests.cs"] = "checkout across processes (Orders and Payments in processes of their own, SIGKILLs mid-saga), a topology; each story run once for the class",
        ["Payments/TelebirrPaymentTests.cs"] = "the use cases (start, notification, reconciliation, refund, receipt) through the telebirr adapter against a fake telebirr, settings that need a platform of its own",
        ["Reviews/PreModerationTests.cs"] = "the use cases (write, read, list, approve, edit) under pre-moderation, a setting that needs a platform of its own",
        ["Reviews/RatingsInSearchTests.cs"] = "a journey across modules: the ratings Reviews publishes as Search indexes them and Products shows them",
        ["Search/SearchCachesAcrossProcessesTests.cs"] = "a topology: two Search processes (the test server and a Host process) on one database, each retiring the answers it kept when the other's index writes move the index generation",
        ["Search/SearchRankingTests.cs"] = "SearchProducts' relevance ranking with two ranked candidates (AddisPay:Search:RankedCandidates), a setting that needs a platform of its own",
        ["Storefront/AxeTests.cs"] = "proof that the axe check every journey's page passes can fail, on pages of its own",
        ["Storefront/SplitShopProcessesTests.cs"] = "the split shop's processes keep every Contracts call crossing a process: a topology's rule, no page",
        ["Storefront/SplitStorefrontJourneyTests.cs"] = "a topology: the shopper's and the admins' journeys with each module in a process of its own",
        ["Storefront/StorefrontJourneyTests.cs"] = "the shoppers' journeys in the browser, each across several pages and modules (shopping, account, checkout, catalogue, personal data)",
        ["Users/AccountEnumerationTests.cs"] = "sign-in, reset, resend and registration answering known and unknown addresses alike, timed under production password hashing, a setting that needs a platform of its own",
        ["Users/ConcurrentSessionTests.cs"] = "sign-ins and refreshes of one account racing each other, on a platform of its own run alone (a hundred password hashes)",
        ["Users/SplitIdentityTests.cs"] = "a topology: the session scenarios with Users and Orders/Cart in processes of their own",
    };

    public static TheoryData<string> ConvertedModules()
    {
        var data = new TheoryData<string>();
        foreach (var module in Converted) data.Add(module);
        return data;
    }

    [Theory]
    [MemberData(nameof(ConvertedModules))]
    public void A_converted_modules_integration_tests_are_named_after_its_use_cases_and_sql_families(string module)
    {
        var named = Named.Where(n => n.Key.StartsWith(module + "/", StringComparison.Ordinal)).ToDictionary(n => n.Key[(module.Length + 1)..], n => n.Value);
        var broken = TestLayout.Check(module, TestFilesOf(module), ModuleFilesOf(module), named)
            .Select(v => $"tests/AddisPay.IntegrationTests/{module}/{v.File}: {v.Rule}")
            .ToList();
        Assert.True(broken.Count == 0, "Name each test file after the use case it tests (tests/AddisPay.IntegrationTests/README.md):\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_named_test_file_exists_so_the_list_stays_true()
    {
        var stale = Named.Keys.Where(entry => !File.Exists(Path.Combine(Solution.Root, "tests", "AddisPay.IntegrationTests", entry))).ToList();
        Assert.True(stale.Count == 0, "Gone; remove it from the list: " + string.Join(", ", stale));
    }

    // Proof the rule can fail: bad layouts fed to it.

    private static readonly string[] Reviews = ["ReviewsModule.cs", "Domain/Review.cs", "Data/ReviewsDbContext.cs", "Data/RatingSql.cs", "WriteReview/WriteReview.cs"];

    [Fact]
    public void A_test_file_named_after_a_feature_instead_of_a_use_case_is_caught() =>
        Assert.Contains(TestLayout.Check("Reviews", ["ReviewTests.cs", "WriteReviewTests.cs"], Reviews, new Dictionary<string, string>()), v => v.File == "ReviewTests.cs");

    [Fact]
    public void A_partial_test_class_over_several_files_is_caught() =>
        Assert.Contains(TestLayout.Check("Reviews", ["WriteReviewTests.cs", "WriteReviewTests.Refunds.cs"], Reviews, new Dictionary<string, string>()),
            v => v.File == "WriteReviewTests.Refunds.cs");

    [Fact]
    public void A_sql_test_without_its_sql_family_is_caught() =>
        Assert.Contains(TestLayout.Check("Reviews", ["PurchaseSqlTests.cs"], Reviews, new Dictionary<string, string>()), v => v.File == "PurchaseSqlTests.cs");

    [Fact]
    public void A_test_named_after_the_model_folder_is_caught() =>
        Assert.Contains(TestLayout.Check("Reviews", ["DomainTests.cs"], Reviews, new Dictionary<string, string>()), v => v.File == "DomainTests.cs");

    [Fact]
    public void Use_case_tests_sql_tests_named_classes_and_helpers_pass() =>
        Assert.Empty(TestLayout.Check("Reviews", ["WriteReviewTests.cs", "RatingSqlTests.cs", "JourneyTests.cs", "ReviewShop.cs", "ReviewsPlatform.cs"], Reviews,
            new Dictionary<string, string> { ["JourneyTests.cs"] = "a journey across modules" }));

    private static readonly string[] Storefront = ["StorefrontModule.cs", "Shopping/Shopper.cs", "Components/App.razor", "Components/Pages/CartPage.razor",
        "Components/Pages/Category.razor", "Components/Pages/Checkout/CheckoutPage.razor"];

    [Fact]
    public void A_test_file_named_after_a_page_that_does_not_exist_is_caught() =>
        Assert.Contains(TestLayout.Check("Storefront", ["WishlistPageTests.cs", "CartPageTests.cs"], Storefront, new Dictionary<string, string>()),
            v => v.File == "WishlistPageTests.cs");

    [Fact]
    public void A_test_file_named_after_a_component_outside_the_pages_is_caught() =>
        Assert.Contains(TestLayout.Check("Storefront", ["AppTests.cs"], Storefront, new Dictionary<string, string>()), v => v.File == "AppTests.cs");

    [Fact]
    public void Page_tests_page_folder_tests_and_use_case_folder_tests_of_a_page_module_pass() =>
        Assert.Empty(TestLayout.Check("Storefront", ["CartPageTests.cs", "CategoryTests.cs", "CheckoutTests.cs", "CheckoutPageTests.cs", "ShoppingTests.cs"], Storefront,
            new Dictionary<string, string>()));

    private static IEnumerable<string> TestFilesOf(string module) =>
        Directory.EnumerateFiles(Path.Combine(Solution.Root, "tests", "AddisPay.IntegrationTests", module), "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Path.Combine(Solution.Root, "tests", "AddisPay.IntegrationTests", module), file).Replace('\\', '/'));

    private static IEnumerable<string> ModuleFilesOf(string module)
    {
        var project = Path.Combine(Solution.Root, "src", "Modules", module, $"AddisPay.{module}");
        return Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(project, "*.razor", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(project, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal));
    }
}
