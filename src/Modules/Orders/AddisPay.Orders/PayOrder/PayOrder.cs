using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Payments.Contracts;
using AddisPay.Users.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace AddisPay.Orders.PayOrder;

public sealed record PayRequest(
    [property: Required, AllowedValues("sandbox", "chapa", "telebirr", ErrorMessage = "Choose a gateway: sandbox, chapa or telebirr.")] string? Gateway,
    // Payments decides where a customer may be sent back (the storefront's origins only; a path is resolved against it).
    [property: StringLength(500)] string? ReturnUrl = null);

internal sealed record PayCommand(Guid OrderId, Guid CustomerId, PayRequest Request, string? IdempotencyKey = null) : ICommand<Keyed<PaymentSession>>;

/// <summary>
/// Starts paying an order at the chosen gateway through Payments' Contracts. The amount is the order's,
/// never the client's; Payments checks every gateway callback against it. Starting again while an
/// attempt is open returns that attempt. With an Idempotency-Key the first answer is stored and given to every retry of
/// the same request (Payments' start is idempotent per order and gateway itself, so a retry after a crash is harmless).
/// </summary>
internal sealed class PayHandler(OrdersDbContext db, ISender sender, RequestKeys keys, TimeProvider clock) : ICommandHandler<PayCommand, Keyed<PaymentSession>>
{
    // Once per checkout: compiled once rather than built and cached per call.
    private static readonly Func<OrdersDbContext, Guid, CancellationToken, Task<Order?>> OrderToPay = EF.CompileAsyncQuery(
        (OrdersDbContext db, Guid orderId, CancellationToken ct) => db.Orders.AsNoTracking().FirstOrDefault(o => o.Id == orderId));

    public async ValueTask<Keyed<PaymentSession>> Handle(PayCommand command, CancellationToken ct) =>
        await keys.OnceAsync<PaymentSession>(RequestKeys.PaymentStart, command.CustomerId, command.IdempotencyKey,
            new { command.OrderId, command.Request.Gateway, command.Request.ReturnUrl }, _ => StartAsync(command, ct), ct);

    private async Task<PaymentSession> StartAsync(PayCommand command, CancellationToken ct)
    {
        var order = await OrderToPay(db, command.OrderId, ct);
        if (order is null || order.CustomerId != command.CustomerId) throw new NotFoundException($"Order {command.OrderId} does not exist.");
        if (order.Status != OrderStatus.PendingPayment)
            throw new ConflictException($"Order {order.Number} is {Order.Describe(order.Status)}; only an order pending payment can be paid.")
            {
                Reason = Refusal.Of("order.not-payable", ("order", order.Number), ("status", OrderView.StatusName(order.Status)))
            };
        if (order.PaymentDueBy <= clock.GetUtcNow())
            throw new ConflictException($"Order {order.Number} was not paid in time and is being cancelled.")
            {
                Reason = Refusal.Of("order.payment-overdue", ("order", order.Number))
            };

        var contact = await sender.Send(new GetUserContact(order.CustomerId), ct)
            ?? throw new NotFoundException($"Customer {order.CustomerId} does not exist.");
        var bill = new Bill(order.Lines.Select(l => new BillLine(l.Sku, l.Name, l.Quantity, l.UnitPriceEtb, l.LineTotalEtb)).ToList(),
            order.SubtotalEtb, order.DiscountEtb, order.ShippingEtb, order.VatEtb, order.TotalEtb);
        return await sender.Send(new StartPayment(order.Id, order.Number, order.CustomerId, command.Request.Gateway!, bill,
            new PayerDetails(contact.Email, contact.FullName, contact.Phone ?? order.ShippingAddress.Phone, contact.PreferredLanguage),
            command.Request.ReturnUrl), ct);
    }
}

internal static class PayEndpoint
{
    public static void MapPayOrder(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/payments", async (Guid orderId, PayRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                ClaimsPrincipal user, ISender sender, HttpResponse response, CancellationToken ct) =>
            {
                if (RequestKeys.Problem(idempotencyKey) is { } problem)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = [problem] });
                var started = await sender.Send(new PayCommand(orderId, user.UserId()!.Value, request, idempotencyKey), ct);
                if (started.Replayed) response.Headers["Idempotent-Replayed"] = "true";
                return Results.Created($"/api/payments/{orderId}", started.Value);
            })
            .Validate<PayRequest>()
            .RequireAuthorization(Policies.Customer)
            .WithName("PayOrder")
            .WithSummary("Starts paying the order at a gateway; redirect the customer to the returned checkoutUrl. With an Idempotency-Key header the same " +
                "key and body get the first answer again (Idempotent-Replayed: true), another body 422, and 409 while the first is still working.")
            .Produces<PaymentSession>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
