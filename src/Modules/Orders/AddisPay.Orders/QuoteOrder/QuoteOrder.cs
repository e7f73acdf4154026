using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Market;
using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.QuoteOrder;

public sealed record QuoteRequest(
    [property: Required] Guid? CartId,
    [property: Required, EthiopianRegion] string? Region,
    [property: StringLength(40)] string? CouponCode = null);

public sealed record Quote(Guid CartId, IReadOnlyList<OrderLine> Lines, OrderAmounts Amounts, string Currency, decimal VatRate, string? CouponCode);

internal sealed record QuoteCommand(Guid CustomerId, QuoteRequest Request) : IQuery<Quote>;

/// <summary>What ordering the cart would cost now: the checkout page's totals, with coupon, shipping and VAT. Writes nothing.</summary>
internal sealed class QuoteHandler(Checkout checkout) : IQueryHandler<QuoteCommand, Quote>
{
    public async ValueTask<Quote> Handle(QuoteCommand query, CancellationToken ct)
    {
        var priced = await checkout.PriceAsync(query.CustomerId, query.Request.CartId!.Value, query.Request.Region!, query.Request.CouponCode, ct);
        return new Quote(priced.CartId, priced.Lines, priced.Amounts, "ETB", Vat.Rate, priced.CouponCode);
    }
}

internal static class QuoteEndpoint
{
    public static void MapQuoteOrder(this IEndpointRouteBuilder api) =>
        api.MapPost("/quote", async (QuoteRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new QuoteCommand(user.UserId()!.Value, request), ct)))
            .Validate<QuoteRequest>()
            .RequireAuthorization(Policies.Customer)
            .WithName("QuoteOrder")
            .WithSummary("Prices the cart as an order would: current prices, coupon discount, shipping to the region and 15% VAT.")
            .Produces<Quote>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
