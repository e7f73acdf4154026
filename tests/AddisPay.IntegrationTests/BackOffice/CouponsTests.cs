using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The coupon pages (Components/Pages/Coupons/) over plain HTTP: support is refused them; the new-coupon form posted twice
/// with its one key (a double click, a resent form), once. Making and using a coupon runs in the coupon journey.
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class CouponsTests(AllInOneShop fixture)
{
    private sealed record TwiceSubmitted(string Code, StaffAnswer[] Posts, string Audit);

    private Task<TwiceSubmitted> SubmittedTwiceAsync() => fixture.Arranged.OnceAsync(async () =>
    {
        var code = $"TWICE-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        using var admin = await PeopleAccess.SignedInAsync(fixture.Shop.BackOffice, BackOfficeOrders.DemoAdmin, BackOfficeOrders.DemoPassword);
        var fields = new Dictionary<string, string>
        {
            ["key"] = Guid.NewGuid().ToString("N"), ["code"] = code, ["kind"] = "fixed", ["value"] = "50", ["minimumOrderEtb"] = "500", ["usageLimit"] = "100"
        };
        var posts = new List<StaffAnswer>();
        foreach (var _ in new[] { 1, 2 }) posts.Add(await StaffAnswer.OfAsync("/admin/coupons/new", admin.PostFormAsync("/admin/coupons/new", "coupon-new", fields)));
        using var audit = await admin.GetAsync("/admin/audit?action=coupon.created&staff=" + Uri.EscapeDataString(BackOfficeOrders.DemoAdmin));
        return new TwiceSubmitted(code, [.. posts], WebUtility.HtmlDecode(await audit.Content.ReadAsStringAsync()));
    });

    private sealed record SupportTried(BackOfficeAccess.SupportTried Tried, bool StillActive);

    /// <summary>Support tries every coupon page and form (the demo coupon ADDIS10's), once.</summary>
    private Task<SupportTried> SupportTriedAsync() => fixture.Arranged.OnceAsync(async () =>
    {
        var tried = await BackOfficeAccess.SupportTriesAsync(fixture, CouponAdminJourney.Pages, CouponAdminJourney.Forms);
        return new SupportTried(tried, (await CouponAdminJourney.DemoCouponAsync(fixture.Shop)).GetProperty("active").GetBoolean());
    });

    [Fact]
    public async Task Support_is_sent_from_every_coupon_page_to_the_denied_page() =>
        StaffAnswer.AllSentTo((await SupportTriedAsync()).Tried.Pages, "/admin/denied");

    [Fact]
    public async Task Supports_posts_to_the_coupon_forms_are_sent_to_the_denied_page() =>
        StaffAnswer.AllSentTo((await SupportTriedAsync()).Tried.Posts, "/admin/denied");

    [Fact]
    public async Task A_coupon_whose_forms_support_posted_to_stays_active() =>
        Assert.True((await SupportTriedAsync()).StillActive);

    [Fact]
    public async Task A_new_coupon_form_submitted_twice_creates_one_coupon_and_shows_it_both_times()
    {
        var run = await SubmittedTwiceAsync();
        Assert.All(run.Posts, post => Assert.Equal((HttpStatusCode.Redirect, $"/admin/coupons/{run.Code}?done=created"), (post.Status, post.Location)));
    }

    [Fact]
    public async Task A_new_coupon_form_submitted_twice_is_audited_once()
    {
        var run = await SubmittedTwiceAsync();
        Assert.Equal(1, run.Audit.Split("coupon:" + run.Code).Length - 1);
    }
}
