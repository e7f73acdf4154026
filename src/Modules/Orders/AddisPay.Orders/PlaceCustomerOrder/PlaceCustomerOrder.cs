using System.Text.Json;
using AddisPay.Orders.GetOrder;
using AddisPay.Orders.PlaceOrder;

namespace AddisPay.Orders.PlaceCustomerOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// A shop front places its signed-in customer's order (Contracts): the API's own command or query, its input checked by the API's request
/// rules.
/// </summary>
internal sealed class PlaceCustomerOrderHandler(ISender sender, IdempotencyKeys keys, TimeProvider clock) : ICommandHandler<PlaceCustomerOrder, PlacedCustomerOrder>
{
    private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(15);

    public async ValueTask<PlacedCustomerOrder> Handle(PlaceCustomerOrder command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || RequestKeys.Problem(command.IdempotencyKey) is not null)
            throw new ValidationFailedException("idempotencyKey", "An Idempotency-Key of 1 to 255 characters (one per checkout attempt) makes a retried order safe.");
        var typed = command.ShippingAddress is { } a ? new ShippingAddressRequest(a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details) : null;
        var request = ValidRequest.Of(new PlaceOrderRequest(command.CartId, typed, command.CouponCode, command.AddressId));
        // The token's word on the email address does not travel with a Contracts request: Orders asks Users.
        var place = new PlaceOrderCommand(command.UserId, command.IdempotencyKey, request, EmailVerified: false);
        PlacedOrderResponse? placed = null;
        for (var waited = TimeSpan.Zero; placed is null; waited += InFlightPoll)
        {
            try
            {
                placed = await sender.Send(place, ct);
            }
            catch (ConflictException) when (waited < InFlightWait)
            {
                // A retry of a request still at work (a caller's timeout, a double submit): wait for its answer rather than
                // refusing, so the retry returns the same order. Any other conflict (a price changed, stock ran out) stands.
                if (!await keys.InFlightAsync(command.UserId, command.IdempotencyKey, ct)) throw;
                await Task.Delay(InFlightPoll, ct);
            }
        }
        var orderId = placed.OrderId ?? JsonDocument.Parse(placed.Body).RootElement.GetProperty("id").GetGuid();
        var order = await sender.Send(new GetOrderQuery(orderId, command.UserId, false), ct);
        // A new order has no payment yet; a replayed one may have been paid since.
        return new PlacedCustomerOrder(await CustomerOrderViews.DescribeAsync(sender, clock, order, askPayments: placed.Replayed, ct), placed.Replayed);
    }
}
