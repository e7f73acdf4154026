using System.Net;
using System.Net.Http.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Contracts;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>
/// Orders' staff coupon Contracts (a back office's coupon pages send them): create once per key, a code taken in any case,
/// field errors that write nothing, terms fixed once used, limits never under the uses, a stale edit, ending, and a usage
/// limit held by checkout under concurrency. The pages and their split run are in BackOffice/CouponAdminJourney.
/// </summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class StaffCouponsTests(AllModulesPlatform platform)
{
    private readonly Guid _staff = Guid.NewGuid();
    private readonly HttpClient _http = platform.Factory.CreateClient();

    private static string NewCode(string prefix = "STAFF") => $"{prefix}-{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private static CreateStaffCoupon Percent(string code, decimal value = 10, int? usageLimit = null, int? perCustomer = null, string? key = null) =>
        new(code, "percentage", value, 0m, null, null, usageLimit, perCustomer, Guid.Empty, key ?? Guid.NewGuid().ToString("N"));

    private static ChangeStaffCoupon Change(StaffCoupon c, string? kind = null, decimal? value = null, int? usageLimit = null) =>
        new(c.Code, c.Version, kind ?? c.Kind, value ?? c.Value, c.MinimumOrderEtb, c.StartsAt, c.ExpiresAt, usageLimit ?? c.UsageLimit, c.PerCustomerLimit, Guid.Empty);

    [Fact]
    public async Task A_coupon_is_created_in_capitals_and_a_second_with_the_same_code_in_another_case_is_a_conflict()
    {
        var code = NewCode("new");
        var made = await SendAsync(Percent(code.ToLowerInvariant()) with { StaffId = _staff });

        Assert.Equal((code, "percentage", 10m, "active", false), (made.Coupon.Code, made.Coupon.Kind, made.Coupon.Value, made.Coupon.Status, made.Replayed));
        var taken = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(Percent(code) with { StaffId = _staff }));
        Assert.Equal("coupon.taken", taken.Reason?.Code);
    }

    [Fact]
    public async Task The_same_create_form_sent_twice_makes_one_coupon_and_answers_the_second_as_replayed()
    {
        var code = NewCode();
        var key = Guid.NewGuid().ToString("N");

        var first = await SendAsync(Percent(code, key: key) with { StaffId = _staff });
        var second = await SendAsync(Percent(code, key: key) with { StaffId = _staff });

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Coupon.Code, second.Coupon.Code);
    }

    [Fact]
    public async Task A_new_coupon_with_bad_fields_is_refused_field_by_field_and_writes_nothing()
    {
        var code = NewCode();
        var badFields = new CreateStaffCoupon("no spaces!", "percentage", 10m, -1m, null, null, 0, null, _staff, "k-" + code);
        var badTerms = new CreateStaffCoupon(code, "percentage", 150m, 0m, DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(1), null, null, _staff, "k-" + code);

        var fields = await Assert.ThrowsAsync<ValidationFailedException>(() => SendAsync(badFields));
        var terms = await Assert.ThrowsAsync<ValidationFailedException>(() => SendAsync(badTerms));

        Assert.Equal(["code", "minimumOrderEtb", "usageLimit"], fields.Errors.Keys.Order());
        Assert.Equal(["expiresAt", "value"], terms.Errors.Keys.Order());
        Assert.Null(await SendAsync(new GetStaffCoupon(code)));
    }

    [Fact]
    public async Task The_kind_and_value_of_a_used_coupon_are_refused_while_its_limits_and_dates_still_change()
    {
        var code = NewCode("used");
        await SendAsync(Percent(code, usageLimit: 5) with { StaffId = _staff });
        await PlaceWithCouponAsync(code);
        var used = (await SendAsync(new GetStaffCoupon(code)))!;

        var refused = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(Change(used, kind: "fixed", value: 50m)));
        var changed = await SendAsync(Change(used, usageLimit: 3) with { ExpiresAt = DateTimeOffset.UtcNow.AddDays(7) });

        Assert.Equal("coupon.used-fixed", refused.Reason?.Code);
        Assert.Equal((1, 3, 2, "percentage", 10m), (changed.Coupon.TimesUsed, changed.Coupon.UsageLimit, changed.Coupon.Remaining, changed.Coupon.Kind, changed.Coupon.Value));
    }

    [Fact]
    public async Task A_usage_limit_below_the_uses_so_far_is_refused_with_the_number_of_uses()
    {
        var code = NewCode("limit");
        await SendAsync(Percent(code, usageLimit: 5) with { StaffId = _staff });
        await PlaceWithCouponAsync(code);
        await PlaceWithCouponAsync(code);
        var used = (await SendAsync(new GetStaffCoupon(code)))!;

        var refused = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(Change(used, usageLimit: 1)));

        Assert.Equal(("coupon.limit-under-uses", "2"), (refused.Reason?.Code, refused.Reason?.Facts["timesUsed"]));
        Assert.Equal(5, (await SendAsync(new GetStaffCoupon(code)))!.UsageLimit);
    }

    [Fact]
    public async Task An_edit_from_a_form_read_before_another_edit_is_refused_as_stale_and_the_same_edit_again_is_a_replay()
    {
        var code = NewCode("stale");
        var read = (await SendAsync(Percent(code) with { StaffId = _staff })).Coupon;
        var first = await SendAsync(Change(read, value: 15m));

        var stale = await Assert.ThrowsAsync<PreconditionFailedException>(() => SendAsync(Change(read, value: 20m)));
        var again = await SendAsync(Change(read, value: 15m));

        Assert.Equal(412, stale.StatusCode);
        Assert.Equal((false, true, 15m), (first.Replayed, again.Replayed, again.Coupon.Value));
    }

    [Fact]
    public async Task An_ended_coupon_is_refused_at_checkout()
    {
        var code = NewCode("end");
        await SendAsync(Percent(code) with { StaffId = _staff });

        var ended = await SendAsync(new EndStaffCoupon(code.ToLowerInvariant(), _staff));
        var buyer = await Buyer.SignUpAsync(_http);
        using var placed = await buyer.PlaceOrderAsync(await buyer.FillCartAsync((await ProductAsync()).Id), couponCode: code);

        Assert.Equal("ended", ended.Coupon.Status);
        Assert.Equal(HttpStatusCode.Conflict, placed.StatusCode);
        Assert.Contains("coupon.ended", await placed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_coupon_with_a_usage_limit_of_one_gives_its_discount_to_one_of_two_orders_placed_at_once()
    {
        var code = NewCode("once");
        await SendAsync(Percent(code, usageLimit: 1) with { StaffId = _staff });
        var product = await ProductAsync();
        var buyers = await Task.WhenAll(Buyer.SignUpAsync(_http), Buyer.SignUpAsync(_http));
        var carts = await Task.WhenAll(buyers.Select(b => b.FillCartAsync(product.Id)));

        var placed = await Task.WhenAll(buyers.Select((b, i) => b.PlaceOrderAsync(carts[i], couponCode: code)));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], placed.Select(p => p.StatusCode).Order());
        var coupon = (await SendAsync(new GetStaffCoupon(code)))!;
        Assert.Equal((1, 0, "used_up"), (coupon.TimesUsed, coupon.Remaining, coupon.Status));
        Assert.Single(coupon.Redemptions);
        foreach (var p in placed) p.Dispose();
    }

    [Fact]
    public async Task The_list_finds_a_coupon_by_part_of_its_code_under_its_status_only()
    {
        var token = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await SendAsync(Percent($"LIVE-{token}") with { StaffId = _staff });
        await SendAsync(Percent($"LATER-{token}") with { StaffId = _staff, StartsAt = DateTimeOffset.UtcNow.AddDays(3) });
        await SendAsync(Percent($"GONE-{token}") with { StaffId = _staff });
        await SendAsync(new EndStaffCoupon($"GONE-{token}", _staff));

        var all = await SendAsync(new ListStaffCoupons(Search: token.ToLowerInvariant()));
        var scheduled = await SendAsync(new ListStaffCoupons(Search: token, Status: "scheduled"));

        Assert.Equal([("GONE-" + token, "ended"), ("LATER-" + token, "scheduled"), ("LIVE-" + token, "active")], all.Items.Select(c => (c.Code, c.Status)));
        Assert.Equal(["LATER-" + token], scheduled.Items.Select(c => c.Code));
    }

    [Fact]
    public async Task The_list_pages_by_code_forward_and_back_with_the_same_coupons()
    {
        var token = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        foreach (var n in new[] { "A", "B", "C" }) await SendAsync(Percent($"PG{n}-{token}") with { StaffId = _staff });

        var first = await SendAsync(new ListStaffCoupons(Search: token, PageSize: 2));
        var second = await SendAsync(new ListStaffCoupons(Search: token, After: first.Next, PageSize: 2));
        var back = await SendAsync(new ListStaffCoupons(Search: token, Before: second.Previous, PageSize: 2));

        Assert.Equal([$"PGA-{token}", $"PGB-{token}"], first.Items.Select(c => c.Code));
        Assert.Equal([$"PGC-{token}"], second.Items.Select(c => c.Code));
        Assert.Null(first.Previous);
        Assert.Null(second.Next);
        Assert.Equal(first.Items, back.Items);
    }

    [Fact]
    public async Task Support_and_customers_are_refused_the_coupon_API()
    {
        foreach (var token in new[] { Tokens.For("support-1", "support"), Tokens.Customer() })
        {
            using var list = await _http.SendAsync(Shop.Request(HttpMethod.Get, "/api/orders/coupons", null, token));
            using var create = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/orders/coupons", new { code = NewCode(), kind = "fixed", value = 10m }, token));
            using var end = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/orders/coupons/ADDIS10/deactivate", null, token));
            Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { list.StatusCode, create.StatusCode, end.StatusCode });
        }
    }

    private async Task PlaceWithCouponAsync(string code)
    {
        var buyer = await Buyer.SignUpAsync(_http);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync((await ProductAsync()).Id), code);
        Assert.Equal(code, order.CouponCode);
    }

    private Task<AddisPay.Products.Domain.ProductView> ProductAsync() =>
        new Shop(_http, _http).CreateProductAsync($"CPN-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 1000m, 10);

    private async Task<T> SendAsync<T>(Func<ISender, ValueTask<T>> send)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    private Task<StaffCouponChanged> SendAsync(CreateStaffCoupon c) => SendAsync(s => s.Send(c));
    private Task<StaffCouponChanged> SendAsync(ChangeStaffCoupon c) => SendAsync(s => s.Send(c));
    private Task<StaffCouponChanged> SendAsync(EndStaffCoupon c) => SendAsync(s => s.Send(c));
    private Task<StaffCoupon?> SendAsync(GetStaffCoupon q) => SendAsync(s => s.Send(q));
    private Task<StaffCouponPage> SendAsync(ListStaffCoupons q) => SendAsync(s => s.Send(q));
}
