using AddisPay.Orders.Contracts;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>The back office's pages of coupons by code, with a status filter and a search.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ListStaffCouponsTests(AllModulesPlatform platform, Arranged<ListStaffCouponsTests.Listed> listed, Arranged<ListStaffCouponsTests.Paged> paged)
    : IClassFixture<Arranged<ListStaffCouponsTests.Listed>>, IClassFixture<Arranged<ListStaffCouponsTests.Paged>>
{
    private readonly StaffCoupons _coupons = new(platform.Factory);

    /// <summary>Three coupons sharing a token: active, scheduled and ended; listed by the token in lower case, and under "scheduled".</summary>
    public sealed record Listed(string Token, StaffCouponPage All, StaffCouponPage Scheduled);

    private Task<Listed> ListedAsync() => listed.OnceAsync(async () =>
    {
        var token = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await _coupons.SendAsync(StaffCoupons.Percent($"LIVE-{token}") with { StaffId = _coupons.Staff });
        await _coupons.SendAsync(StaffCoupons.Percent($"LATER-{token}") with { StaffId = _coupons.Staff, StartsAt = DateTimeOffset.UtcNow.AddDays(3) });
        await _coupons.SendAsync(StaffCoupons.Percent($"GONE-{token}") with { StaffId = _coupons.Staff });
        await _coupons.SendAsync(new EndStaffCoupon($"GONE-{token}", _coupons.Staff));
        return new(token, await _coupons.SendAsync(new ListStaffCoupons(Search: token.ToLowerInvariant())),
            await _coupons.SendAsync(new ListStaffCoupons(Search: token, Status: "scheduled")));
    });

    [Fact]
    public async Task The_list_finds_coupons_by_part_of_their_code_in_code_order_with_their_status()
    {
        var (token, all, _) = await ListedAsync();

        Assert.Equal([("GONE-" + token, "ended"), ("LATER-" + token, "scheduled"), ("LIVE-" + token, "active")], all.Items.Select(c => (c.Code, c.Status)));
    }

    [Fact]
    public async Task The_list_under_a_status_holds_only_the_coupons_with_it()
    {
        var (token, _, scheduled) = await ListedAsync();

        Assert.Equal(["LATER-" + token], scheduled.Items.Select(c => c.Code));
    }

    /// <summary>Three coupons sharing a token, listed two a page: the first page, the next, and back.</summary>
    public sealed record Paged(string Token, StaffCouponPage First, StaffCouponPage Second, StaffCouponPage Back);

    private Task<Paged> PagedAsync() => paged.OnceAsync(async () =>
    {
        var token = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        foreach (var n in new[] { "A", "B", "C" }) await _coupons.SendAsync(StaffCoupons.Percent($"PG{n}-{token}") with { StaffId = _coupons.Staff });
        var first = await _coupons.SendAsync(new ListStaffCoupons(Search: token, PageSize: 2));
        var second = await _coupons.SendAsync(new ListStaffCoupons(Search: token, After: first.Next, PageSize: 2));
        return new(token, first, second, await _coupons.SendAsync(new ListStaffCoupons(Search: token, Before: second.Previous, PageSize: 2)));
    });

    [Fact]
    public async Task The_list_pages_forward_by_code()
    {
        var (token, first, second, _) = await PagedAsync();

        Assert.Equal([$"PGA-{token}", $"PGB-{token}"], first.Items.Select(c => c.Code));
        Assert.Equal([$"PGC-{token}"], second.Items.Select(c => c.Code));
    }

    [Fact]
    public async Task The_first_page_has_no_previous_and_the_last_no_next()
    {
        var (_, first, second, _) = await PagedAsync();

        Assert.Null(first.Previous);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Paging_back_gives_the_same_coupons()
    {
        var (_, first, _, back) = await PagedAsync();

        Assert.Equal(first.Items, back.Items);
    }
}
