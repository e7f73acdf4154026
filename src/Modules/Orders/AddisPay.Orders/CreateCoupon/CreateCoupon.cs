using System.ComponentModel.DataAnnotations;
using AddisPay.Market;
using AddisPay.Orders.GetCoupon;
using Npgsql;

namespace AddisPay.Orders.CreateCoupon;

/// <summary>A coupon's terms, as the API takes them and as every staff change is checked (a change is checked as a new coupon).</summary>
public sealed record CreateCouponRequest(
    [property: Required, RegularExpression("^[A-Za-z0-9-]{3,40}$", ErrorMessage = "3 to 40 letters, digits or dashes.")] string? Code,
    [property: Required, AllowedValues("percentage", "fixed", ErrorMessage = "Kind is percentage or fixed.")] string? Kind,
    [property: Required, Range(typeof(decimal), "0.01", "1000000"), Santim] decimal? Value,
    [property: Range(typeof(decimal), "0", "10000000"), Santim] decimal MinimumOrderEtb = 0,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? ExpiresAt = null,
    [property: Range(1, 10_000_000)] int? UsageLimit = null,
    [property: Range(1, 1000)] int? PerCustomerLimit = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Kind == "percentage" && Value > 100) yield return new ValidationResult("A percentage is at most 100.", [nameof(Value)]);
        if (StartsAt is { } s && ExpiresAt is { } e && e <= s) yield return new ValidationResult("Expiry must come after the start.", [nameof(ExpiresAt)]);
    }

    internal static CouponKind KindOf(string? kind) => kind == "percentage" ? CouponKind.Percentage : CouponKind.Fixed;
}

internal sealed record CreateCouponCommand(CreateCouponRequest Request) : ICommand<CouponView>;

/// <summary>Creates a coupon from the API's request; <c>CreateStaffCoupon</c> creates the back office's the same way.</summary>
internal sealed class CreateCouponHandler(OrdersDbContext db, TimeProvider clock) : ICommandHandler<CreateCouponCommand, CouponView>
{
    public async ValueTask<CouponView> Handle(CreateCouponCommand command, CancellationToken ct) => CouponView.From(await CreateAsync(db, clock, command.Request, ct));

    internal static async Task<Coupon> CreateAsync(OrdersDbContext db, TimeProvider clock, CreateCouponRequest r, CancellationToken ct)
    {
        var code = StaffCoupons.Normal(r.Code);
        // Said with the code before the insert; the unique key still decides between two creating the same code at once.
        if (await db.Coupons.AnyAsync(c => c.Code == code, ct)) throw Taken(code);
        var coupon = new Coupon
        {
            Code = code, Kind = CreateCouponRequest.KindOf(r.Kind), Value = r.Value!.Value,
            MinimumOrderEtb = r.MinimumOrderEtb, StartsAt = r.StartsAt?.ToUniversalTime(), ExpiresAt = r.ExpiresAt?.ToUniversalTime(), UsageLimit = r.UsageLimit,
            PerCustomerLimit = r.PerCustomerLimit, CreatedAt = clock.GetUtcNow()
        };
        db.Coupons.Add(coupon);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            throw Taken(code);
        }
        return coupon;
    }

    private static ConflictException Taken(string code) =>
        new($"Coupon {code} already exists.") { Reason = Refusal.Of("coupon.taken", ("coupon", code)) };
}

internal static class CreateCouponEndpoint
{
    public static void MapCreateCoupon(this IEndpointRouteBuilder api) =>
        api.MapGroup("/coupons").RequireAuthorization(Policies.Admin).WithTags("coupons")
            .MapPost("/", async (CreateCouponRequest request, ISender sender, CancellationToken ct) =>
            {
                var coupon = await sender.Send(new CreateCouponCommand(request), ct);
                return Results.Created($"/api/orders/coupons/{coupon.Code}", coupon);
            })
            .Validate<CreateCouponRequest>()
            .WithName("CreateCoupon").WithSummary("A percentage or fixed discount code, with minimum order, validity, usage and per-customer limits.")
            .Produces<CouponView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
}
