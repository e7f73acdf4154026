using System.ComponentModel.DataAnnotations;
using AddisPay.Market;
using AddisPay.Orders.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.Orders.Coupons;

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
}

public sealed record CouponView(string Code, string Kind, decimal Value, decimal MinimumOrderEtb, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt,
    int? UsageLimit, int? PerCustomerLimit, int TimesUsed, bool Active)
{
    internal static CouponView From(Coupon c) => new(c.Code, c.Kind.ToString().ToLowerInvariant(), c.Value, c.MinimumOrderEtb, c.StartsAt, c.ExpiresAt,
        c.UsageLimit, c.PerCustomerLimit, c.TimesUsed, c.Active);
}

internal sealed record CreateCouponCommand(CreateCouponRequest Request) : ICommand<CouponView>;
internal sealed record ListCouponsQuery : IQuery<IReadOnlyList<CouponView>>;
internal sealed record DeactivateCouponCommand(string Code) : ICommand<CouponView>;

internal sealed class CouponHandlers(OrdersDbContext db, TimeProvider clock)
    : ICommandHandler<CreateCouponCommand, CouponView>, IQueryHandler<ListCouponsQuery, IReadOnlyList<CouponView>>, ICommandHandler<DeactivateCouponCommand, CouponView>
{
    public async ValueTask<CouponView> Handle(CreateCouponCommand command, CancellationToken ct)
    {
        var r = command.Request;
        var coupon = new Coupon
        {
            Code = r.Code!.ToUpperInvariant(), Kind = r.Kind == "percentage" ? CouponKind.Percentage : CouponKind.Fixed, Value = r.Value!.Value,
            MinimumOrderEtb = r.MinimumOrderEtb, StartsAt = r.StartsAt, ExpiresAt = r.ExpiresAt, UsageLimit = r.UsageLimit, PerCustomerLimit = r.PerCustomerLimit,
            CreatedAt = clock.GetUtcNow()
        };
        db.Coupons.Add(coupon);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException($"Coupon {coupon.Code} already exists.");
        }
        return CouponView.From(coupon);
    }

    public async ValueTask<IReadOnlyList<CouponView>> Handle(ListCouponsQuery query, CancellationToken ct) =>
        (await db.Coupons.AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(500).ToListAsync(ct)).Select(CouponView.From).ToList();

    public async ValueTask<CouponView> Handle(DeactivateCouponCommand command, CancellationToken ct)
    {
        var code = command.Code.ToUpperInvariant();
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException($"There is no coupon {code}.");
        coupon.Active = false;
        await db.SaveChangesAsync(ct);
        return CouponView.From(coupon);
    }
}

internal static class CouponEndpoints
{
    public static void MapCoupons(this IEndpointRouteBuilder api)
    {
        var coupons = api.MapGroup("/coupons").RequireAuthorization(Policies.Admin).WithTags("coupons");
        coupons.MapPost("/", async (CreateCouponRequest request, ISender sender, CancellationToken ct) =>
            {
                var coupon = await sender.Send(new CreateCouponCommand(request), ct);
                return Results.Created($"/api/orders/coupons/{coupon.Code}", coupon);
            })
            .Validate<CreateCouponRequest>()
            .WithName("CreateCoupon").WithSummary("A percentage or fixed discount code, with minimum order, validity, usage and per-customer limits.")
            .Produces<CouponView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        coupons.MapGet("/", async (ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new ListCouponsQuery(), ct)))
            .WithName("ListCoupons").WithSummary("All coupons with their use so far.").Produces<IReadOnlyList<CouponView>>();
        coupons.MapPost("/{code}/deactivate", async (string code, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DeactivateCouponCommand(code), ct)))
            .WithName("DeactivateCoupon").WithSummary("Stops a coupon from being used for new orders.")
            .Produces<CouponView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
