using AddisPay.Orders.Contracts;
using AddisPay.Shared.Contracts;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>A back office's new coupon: a code taken in any case, once per form, field errors that write nothing.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class CreateStaffCouponTests(AllModulesPlatform platform, Arranged<CreateStaffCouponTests.Created> created, Arranged<CreateStaffCouponTests.Refused> refused)
    : IClassFixture<Arranged<CreateStaffCouponTests.Created>>, IClassFixture<Arranged<CreateStaffCouponTests.Refused>>
{
    private readonly StaffCoupons _coupons = new(platform.Factory);

    /// <summary>A coupon created from its code in lower case, then another with the code in capitals.</summary>
    public sealed record Created(string Code, StaffCouponChanged Made, ConflictException Taken);

    private Task<Created> CreatedAsync() => created.OnceAsync(async () =>
    {
        var code = StaffCoupons.NewCode("new");
        var made = await _coupons.SendAsync(StaffCoupons.Percent(code.ToLowerInvariant()) with { StaffId = _coupons.Staff });
        var taken = await Assert.ThrowsAsync<ConflictException>(() => _coupons.SendAsync(StaffCoupons.Percent(code) with { StaffId = _coupons.Staff }));
        return new(code, made, taken);
    });

    [Fact]
    public async Task A_coupon_is_created_active_with_its_code_in_capitals()
    {
        var (code, made, _) = await CreatedAsync();

        Assert.Equal((code, "percentage", 10m, "active", false), (made.Coupon.Code, made.Coupon.Kind, made.Coupon.Value, made.Coupon.Status, made.Replayed));
    }

    [Fact]
    public async Task A_second_coupon_with_the_same_code_in_another_case_is_a_conflict() => Assert.Equal("coupon.taken", (await CreatedAsync()).Taken.Reason?.Code);

    [Fact]
    public async Task The_same_create_form_sent_twice_makes_one_coupon_and_answers_the_second_as_replayed()
    {
        var code = StaffCoupons.NewCode();
        var key = Guid.NewGuid().ToString("N");

        var first = await _coupons.SendAsync(StaffCoupons.Percent(code, key: key) with { StaffId = _coupons.Staff });
        var second = await _coupons.SendAsync(StaffCoupons.Percent(code, key: key) with { StaffId = _coupons.Staff });

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Coupon.Code, second.Coupon.Code);
    }

    /// <summary>A form with bad fields (code, minimum, usage limit) and one with bad terms (value over 100%, ending before it starts).</summary>
    public sealed record Refused(ValidationFailedException Fields, ValidationFailedException Terms, StaffCoupon? Written);

    private Task<Refused> RefusedAsync() => refused.OnceAsync(async () =>
    {
        var code = StaffCoupons.NewCode();
        var badFields = new CreateStaffCoupon("no spaces!", "percentage", 10m, -1m, null, null, 0, null, _coupons.Staff, "k-" + code);
        var badTerms = new CreateStaffCoupon(code, "percentage", 150m, 0m, DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(1), null, null, _coupons.Staff, "k-" + code);
        var fields = await Assert.ThrowsAsync<ValidationFailedException>(() => _coupons.SendAsync(badFields));
        var terms = await Assert.ThrowsAsync<ValidationFailedException>(() => _coupons.SendAsync(badTerms));
        return new(fields, terms, await _coupons.SendAsync(new GetStaffCoupon(code)));
    });

    [Fact]
    public async Task A_new_coupon_with_bad_fields_is_refused_naming_each() =>
        Assert.Equal(["code", "minimumOrderEtb", "usageLimit"], (await RefusedAsync()).Fields.Errors.Keys.Order());

    [Fact]
    public async Task A_new_coupon_with_bad_terms_is_refused_naming_each() =>
        Assert.Equal(["expiresAt", "value"], (await RefusedAsync()).Terms.Errors.Keys.Order());

    [Fact]
    public async Task A_refused_new_coupon_writes_nothing() => Assert.Null((await RefusedAsync()).Written);
}
