using System.Security.Claims;
using System.Text.Json;
using AddisPay.Orders.Contracts;
using AddisPay.Products.Contracts;
using GetShippingAddress = AddisPay.Users.Contracts.GetShippingAddress;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AddisPay.Orders.PlaceOrder;

/// <summary>The response to send: stored with the key and replayed to retries.</summary>
internal sealed record PlacedOrderResponse(int Status, string Body, bool Replayed, Guid? OrderId);

/// <param name="EmailVerified">What the customer's access token says of their email address (see <see cref="VerifiedBuyers"/>).</param>
internal sealed record PlaceOrderCommand(Guid CustomerId, string IdempotencyKey, PlaceOrderRequest Request, bool EmailVerified) : ICommand<PlacedOrderResponse>;

/// <summary>
/// Places an order from the customer's cart: prices it against the catalogue, holds the stock in Products
/// (reservation id = order id, so a retry holds nothing twice), then writes the order, its coupon use, the
/// stored response and OrderPlaced in one transaction. If anything fails after the hold, the hold is given
/// back; if the process dies instead, the hold expires on its own. A customer whose email address is not verified is
/// refused first (403), before anything is written.
/// </summary>
internal sealed class PlaceOrderHandler(OrdersDbContext db, IdempotencyKeys keys, VerifiedBuyers buyers, Checkout checkout, ISender sender, ModuleWork<OrdersDbContext> work,
    IOptions<OrdersOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock, ILogger<PlaceOrderHandler> log)
    : ICommandHandler<PlaceOrderCommand, PlacedOrderResponse>
{
    public async ValueTask<PlacedOrderResponse> Handle(PlaceOrderCommand command, CancellationToken ct)
    {
        var request = command.Request;
        await buyers.EnsureAsync(command.CustomerId, command.EmailVerified, ct);
        var hash = IdempotencyKeys.Hash(JsonSerializer.Serialize(request));
        var claim = await keys.ClaimAsync(command.CustomerId, command.IdempotencyKey, hash, ct);
        if (claim is KeyClaim.Replay replay) return new PlacedOrderResponse(replay.Status, replay.Body, true, null);
        var (orderId, number) = (KeyClaim.Claimed)claim;

        var holdAsked = false;
        try
        {
            var address = await ShippingAddressAsync(command.CustomerId, request, ct);
            var priced = await checkout.PriceAsync(command.CustomerId, request.CartId!.Value, address.Region, request.CouponCode, ct);
            var o = options.Value;
            // Set before the call: a call cut off half way (the caller gave up, a timeout) may still have held the stock in
            // Products, and the retry that follows claims the key again under a new order id, so this hold must go back.
            holdAsked = true;
            await sender.Send(new ReserveStock(orderId, priced.Lines.Select(l => new StockLine(l.Sku, l.Quantity)).ToList(),
                o.PaymentWindow + o.ReservationGrace, $"order:{orderId}"), ct);

            var (order, body) = await SaveAsync(command, orderId, number, priced, address, ct);
            return new PlacedOrderResponse(StatusCodes.Status201Created, body, false, order.Id);
        }
        catch (Exception ex)
        {
            await work.AbandonAsync();
            if (holdAsked) await GiveBackStockAsync(orderId);
            await keys.ReleaseAsync(command.CustomerId, command.IdempotencyKey);
            if (ex is not BusinessRuleException) log.LogError(ex, "Placing order {OrderId} failed", orderId);
            throw;
        }
    }

    private async Task<(Order Order, string Body)> SaveAsync(PlaceOrderCommand command, Guid orderId, long? drawn, PricedCart priced, ShippingAddress address, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await work.BeginAsync(ct);
        var number = drawn ?? await OrderSql.NextNumberAsync(db, ct);
        var order = new Order
        {
            Id = orderId, Number = $"AP{number:D6}", CustomerId = command.CustomerId, CartId = priced.CartId, Status = OrderStatus.PendingPayment,
            Lines = priced.Lines.ToList(), SubtotalEtb = priced.Amounts.SubtotalEtb, DiscountEtb = priced.Amounts.DiscountEtb,
            ShippingEtb = priced.Amounts.ShippingEtb, VatEtb = priced.Amounts.VatEtb, TotalEtb = priced.Amounts.TotalEtb, CouponCode = priced.CouponCode,
            ShippingAddress = address, PlacedAt = now, PaymentDueBy = now + options.Value.PaymentWindow
        };
        order.Timeline.Add(new OrderStep(OrderStatus.PendingPayment, OrderStatus.PendingPayment, now, Actors.Customer(command.CustomerId), "Order placed",
            OrderTrackingEvents.Placed));
        db.Orders.Add(order);

        if (priced.CouponCode is { } code)
        {
            // Counted here, in the order's transaction, so a usage limit can't be overrun by concurrent orders.
            var counted = await db.Coupons.Where(c => c.Code == code && c.Active && (c.UsageLimit == null || c.TimesUsed < c.UsageLimit))
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.TimesUsed, x => x.TimesUsed + 1), ct);
            if (counted == 0) throw Coupon.UsedUp(code);
            db.CouponRedemptions.Add(new CouponRedemption { Code = code, OrderId = orderId, CustomerId = command.CustomerId, RedeemedAt = now });
        }

        var body = Serialize(OrderView.From(order));
        keys.Complete(command.CustomerId, command.IdempotencyKey, StatusCodes.Status201Created, body);
        work.Raise(new OrderPlaced(order.Id, order.Number, order.CustomerId, order.CartId, order.Lines, order.Amounts, order.CouponCode, order.PaymentDueBy));
        // Committed here rather than after the handler: if it fails, the stock hold and the key must be given back (above).
        await work.CompleteAsync(ct);
        OrderMetrics.Placed();
        return (order, body);
    }

    private async Task<ShippingAddress> ShippingAddressAsync(Guid customerId, PlaceOrderRequest request, CancellationToken ct)
    {
        if (request.ShippingAddress is { } typed) return typed.ToAddress();
        var saved = await sender.Send(new GetShippingAddress(customerId, request.AddressId!.Value), ct)
            ?? throw new ValidationFailedException("addressId", "You have no saved address with this id.");
        return new ShippingAddress
        {
            Recipient = saved.Recipient, Phone = saved.Phone, Region = saved.Region, City = saved.City, SubCity = saved.SubCity, Woreda = saved.Woreda,
            Details = saved.Details
        };
    }

    private async Task GiveBackStockAsync(Guid orderId)
    {
        try
        {
            try
            {
                await sender.Send(new ReleaseReservation(orderId), CancellationToken.None);
            }
            catch (NotFoundException)
            {
                // No hold yet: the reservation cut off half way may still be committing in Products. Look once more.
                await Task.Delay(TimeSpan.FromSeconds(1), clock);
                await sender.Send(new ReleaseReservation(orderId), CancellationToken.None);
            }
        }
        catch (NotFoundException)
        {
            // Products never held anything for this order.
        }
        catch (Exception ex)
        {
            // Not fatal: the hold expires by itself.
            log.LogWarning(ex, "Could not release the stock held for order {OrderId}; it will expire", orderId);
        }
    }

    private string Serialize(OrderView view) => JsonSerializer.Serialize(view, json.Value.SerializerOptions);
}

internal static class PlaceOrderEndpoint
{
    public static void MapPlaceOrder(this IEndpointRouteBuilder api) =>
        api.MapPost("/", async (PlaceOrderRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
                ISender sender, HttpResponse response, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 255)
                    return Results.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["Idempotency-Key"] = ["Send an Idempotency-Key header (up to 255 characters, e.g. a UUID) so a retried request can't order twice."]
                    });
                var placed = await sender.Send(new PlaceOrderCommand(user.UserId()!.Value, idempotencyKey, request, user.EmailVerified()), ct);
                if (placed.Replayed) response.Headers["Idempotent-Replayed"] = "true";
                if (placed.OrderId is { } id) response.Headers.Location = $"/api/orders/{id}";
                return Results.Content(placed.Body, "application/json", statusCode: placed.Status);
            })
            .Validate<PlaceOrderRequest>()
            .RequiresHeader("Idempotency-Key")
            .RequireAuthorization(Policies.Customer)
            .WithName("PlaceOrder")
            .WithSummary("Places an order from the customer's cart and holds its stock until it is paid. Requires an Idempotency-Key header and a verified email address (403 otherwise).")
            .Produces<OrderView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
