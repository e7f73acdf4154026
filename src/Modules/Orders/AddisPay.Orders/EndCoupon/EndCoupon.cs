using AddisPay.Orders.Contracts;
using AddisPay.Orders.Data;
using AddisPay.Orders.GetCoupon;
using AddisPay.Orders.ListCoupons;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Orders.EndCoupon;

internal sealed record DeactivateCouponCommand(string Code) : ICommand<CouponView>;

/// <summary>Ends a coupon now: checkout refuses it from then on; orders placed with it keep their discount. Ending it again changes nothing.</summary>
internal sealed class EndCouponHandler(OrdersDbContext db, TimeProvider clock)
    : ICommandHandler<DeactivateCouponCommand, CouponView>, ICommandHandler<EndStaffCoupon, StaffCouponChanged>
{
    public async ValueTask<CouponView> Handle(DeactivateCouponCommand command, CancellationToken ct)
    {
        var code = StaffCoupons.Normal(command.Code);
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException($"There is no coupon {code}.");
        coupon.Active = false;
        await db.SaveChangesAsync(ct);
        return CouponView.From(coupon);
    }

    public async ValueTask<StaffCouponChanged> Handle(EndStaffCoupon command, CancellationToken ct)
    {
        var code = StaffCoupons.Normal(command.Code);
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException($"There is no coupon {code}.");
        var now = clock.GetUtcNow();
        var before = await StaffCoupons.DescribeAsync(db, coupon, now, ct);
        if (!coupon.Active) return new StaffCouponChanged(before, before, Replayed: true);
        // Not by row version: ending wins over any edit or use in between, which is what the admin asked for.
        await db.Coupons.Where(c => c.Code == code).ExecuteUpdateAsync(c => c.SetProperty(x => x.Active, false), ct);
        await db.Entry(coupon).ReloadAsync(ct);
        return new StaffCouponChanged(await StaffCoupons.DescribeAsync(db, coupon, now, ct), before, Replayed: false);
    }
}

internal static class EndCouponEndpoint
{
    public static void MapEndCoupon(this IEndpointRouteBuilder api) =>
        api.MapGroup("/coupons").RequireAuthorization(Policies.Admin).WithTags("coupons")
            .MapPost("/{code}/deactivate", async (string code, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DeactivateCouponCommand(code), ct)))
            .WithName("DeactivateCoupon").WithSummary("Stops a coupon from being used for new orders.")
            .Produces<CouponView>().ProducesProblem(StatusCodes.Status404NotFound);
}
