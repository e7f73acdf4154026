using AddisPay.Orders.CreateCoupon;
using AddisPay.Orders.GetCoupon;

namespace AddisPay.Orders.CreateStaffCoupon;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>A back office's new coupon, checked as the API's request, its form sent once per key (a double submit answers the coupon it made).</summary>
internal sealed class CreateStaffCouponHandler(OrdersDbContext db, RequestKeys keys, TimeProvider clock) : ICommandHandler<CreateStaffCoupon, StaffCouponChanged>
{
    public const string Operation = "staff_coupon_create";

    public async ValueTask<StaffCouponChanged> Handle(CreateStaffCoupon command, CancellationToken ct)
    {
        var request = new CreateCouponRequest(command.Code?.Trim(), command.Kind?.Trim(), command.Value, command.MinimumOrderEtb, command.StartsAt?.ToUniversalTime(),
            command.ExpiresAt?.ToUniversalTime(), command.UsageLimit, command.PerCustomerLimit);
        var errors = Validation.Errors(request);
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || RequestKeys.Problem(command.IdempotencyKey) is not null)
            errors["idempotencyKey"] = ["An idempotency key of 1 to 255 characters (one per form shown) makes a retried change safe."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var made = await keys.OnceAsync<StaffCouponChanged>(Operation, command.StaffId, command.IdempotencyKey, command with { Code = StaffCoupons.Normal(command.Code) },
            async _ => new StaffCouponChanged(await StaffCoupons.DescribeAsync(db, await CreateCouponHandler.CreateAsync(db, clock, request, ct), clock.GetUtcNow(), ct), null, false), ct);
        return made.Replayed ? made.Value with { Replayed = true } : made.Value;
    }
}
