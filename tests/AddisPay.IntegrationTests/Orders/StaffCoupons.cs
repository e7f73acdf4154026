using AddisPay.Orders.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>
/// Orders' staff coupon Contracts as a back office sends them (in the test server's services), and the checkout steps the
/// coupon classes take. The pages and their split run are in BackOffice/CouponAdminJourney.
/// </summary>
public sealed class StaffCoupons(PlatformFactory factory)
{
    public Guid Staff { get; } = Guid.NewGuid();
    public HttpClient Http { get; } = factory.CreateClient();

    public static string NewCode(string prefix = "STAFF") => $"{prefix}-{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    public static CreateStaffCoupon Percent(string code, decimal value = 10, int? usageLimit = null, int? perCustomer = null, string? key = null) =>
        new(code, "percentage", value, 0m, null, null, usageLimit, perCustomer, Guid.Empty, key ?? Guid.NewGuid().ToString("N"));

    public static ChangeStaffCoupon Change(StaffCoupon c, string? kind = null, decimal? value = null, int? usageLimit = null) =>
        new(c.Code, c.Version, kind ?? c.Kind, value ?? c.Value, c.MinimumOrderEtb, c.StartsAt, c.ExpiresAt, usageLimit ?? c.UsageLimit, c.PerCustomerLimit, Guid.Empty);

    /// <summary>A new customer's order of a new product with the coupon, which it must get.</summary>
    public async Task PlaceWithCouponAsync(string code)
    {
        var buyer = await Buyer.SignUpAsync(Http);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync((await ProductAsync()).Id), code);
        Assert.Equal(code, order.CouponCode);
    }

    public Task<AddisPay.Products.Domain.ProductView> ProductAsync() =>
        new Shop(Http, Http).CreateProductAsync($"CPN-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 1000m, 10);

    private async Task<T> SendAsync<T>(Func<ISender, ValueTask<T>> send)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    public Task<StaffCouponChanged> SendAsync(CreateStaffCoupon c) => SendAsync(s => s.Send(c));
    public Task<StaffCouponChanged> SendAsync(ChangeStaffCoupon c) => SendAsync(s => s.Send(c));
    public Task<StaffCouponChanged> SendAsync(EndStaffCoupon c) => SendAsync(s => s.Send(c));
    public Task<StaffCoupon?> SendAsync(GetStaffCoupon q) => SendAsync(s => s.Send(q));
    public Task<StaffCouponPage> SendAsync(ListStaffCoupons q) => SendAsync(s => s.Send(q));
}

/// <summary>
/// A story a test class arranges once (<c>IClassFixture&lt;Arranged&lt;T&gt;&gt;</c>) on a shared platform: the first fact that
/// asks arranges it, the others assert on what it recorded.
/// </summary>
public sealed class Arranged<T> where T : class
{
    private readonly Arrangements _story = new();

    public Task<T> OnceAsync(Func<Task<T>> arrange) => _story.OnceAsync(arrange);
}
