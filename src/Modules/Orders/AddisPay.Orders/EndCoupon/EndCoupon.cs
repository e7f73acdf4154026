using AddisPay.Orders.GetCoupon;

namespace AddisPay.Orders.EndCoupon;

internal sealed record DeactivateCouponCommand(string Code) : ICommand<CouponView>;

/// <summary>Ends a coupon now: checkout refuses it from then on; orders placed with it keep their discount.</summary>
internal sealed class EndCouponHandler(OrdersDbContext db) : ICommandHandler<DeactivateCouponCommand, CouponView>
{
    public async ValueTask<CouponView> Handle(DeactivateCouponCommand command, CancellationToken ct)
    {
        var code = StaffCoupons.Normal(command.Code);
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException($"There is no coupon {code}.");
        coupon.Active = false;
        await db.SaveChangesAsync(ct);
        return CouponView.From(coupon);
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
