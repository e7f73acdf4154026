using System.Text.Json;
using AddisPay.Market;
using AddisPay.Orders.CancelOrder;
using AddisPay.Orders.Domain;
using AddisPay.Orders.Contracts;
using AddisPay.Orders.OrderHistory;
using AddisPay.Orders.PayOrder;
using AddisPay.Orders.PlaceOrder;
using AddisPay.Orders.QuoteOrder;
using AddisPay.Payments.Contracts;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Users.Contracts;
using Mediator;

namespace AddisPay.Orders.CustomerOrderRequests;

/// <summary>
/// Orders' use cases as a shop front (another module) calls them for a signed-in customer: the very commands and
/// queries the API runs, so the rules are one. Input is checked with the API's own request rules, since these requests
/// arrive without the API's validation filter.
/// </summary>
internal sealed class CustomerOrderRequests(ISender sender, IdempotencyKeys keys, TimeProvider clock) :
    IQueryHandler<QuoteCheckout, CheckoutQuote>,
    ICommandHandler<PlaceCustomerOrder, PlacedCustomerOrder>,
    ICommandHandler<PayCustomerOrder, CheckoutPayment>,
    IQueryHandler<GetCustomerOrders, CustomerOrderPage>,
    IQueryHandler<GetCustomerOrder, CustomerOrder?>,
    IQueryHandler<FindCustomerOrder, CustomerOrder?>,
    ICommandHandler<CancelCustomerOrder, CustomerOrder>
{
    private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(15);

    public async ValueTask<CheckoutQuote> Handle(QuoteCheckout query, CancellationToken ct)
    {
        var region = query.Region;
        if (query.AddressId is { } addressId)
            region = (await sender.Send(new GetShippingAddress(query.UserId, addressId), ct))?.Region
                ?? throw new ValidationFailedException("addressId", "You have no saved address with this id.");
        var request = Checked(new QuoteRequest(query.CartId, region, query.CouponCode));
        var quote = await sender.Send(new QuoteCommand(query.UserId, request), ct);
        var named = EthiopianRegion.Canonical(region);
        return new CheckoutQuote(quote.CartId, named, quote.Lines, quote.Amounts, quote.Currency, quote.VatRate, quote.CouponCode);
    }

    public async ValueTask<PlacedCustomerOrder> Handle(PlaceCustomerOrder command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || RequestKeys.Problem(command.IdempotencyKey) is not null)
            throw new ValidationFailedException("idempotencyKey", "An Idempotency-Key of 1 to 255 characters (one per checkout attempt) makes a retried order safe.");
        var typed = command.ShippingAddress is { } a ? new ShippingAddressRequest(a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details) : null;
        var request = Checked(new PlaceOrderRequest(command.CartId, typed, command.CouponCode, command.AddressId));
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
        var order = await sender.Send(new OrderDetailQuery(orderId, command.UserId, false), ct);
        // A new order has no payment yet; a replayed one may have been paid since.
        return new PlacedCustomerOrder(await DescribeAsync(order, askPayments: placed.Replayed, ct), placed.Replayed);
    }

    public async ValueTask<CheckoutPayment> Handle(PayCustomerOrder command, CancellationToken ct)
    {
        var request = Checked(new PayRequest(command.Gateway, command.ReturnUrl));
        var s = (await sender.Send(new PayCommand(command.OrderId, command.UserId, request), ct)).Value;
        return new CheckoutPayment(s.PaymentId, s.OrderId, s.Gateway, s.Reference, s.CheckoutUrl, s.AmountEtb, s.Status);
    }

    public async ValueTask<CustomerOrderPage> Handle(GetCustomerOrders query, CancellationToken ct)
    {
        if (Paging.Errors(query.Page, query.PageSize) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var page = await sender.Send(new MyOrdersQuery(query.UserId, query.Page, query.PageSize), ct);
        return new CustomerOrderPage(page.Items.Select(o => new CustomerOrderSummary(o.Id, o.Number, o.Status, o.TotalEtb, o.Items, o.PlacedAt)).ToList(),
            page.Page, page.PageSize, page.Total);
    }

    public async ValueTask<CustomerOrder?> Handle(GetCustomerOrder query, CancellationToken ct)
    {
        try
        {
            return await DescribeAsync(await sender.Send(new OrderDetailQuery(query.OrderId, query.UserId, false), ct), askPayments: true, ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public async ValueTask<CustomerOrder?> Handle(FindCustomerOrder query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query.Number) || query.Number.Length > 20) return null;
        // Staff search, narrowed to the customer: someone else's number finds nothing.
        var found = await sender.Send(new SearchOrdersQuery(null, query.UserId, null, null, query.Number, 1, 1), ct);
        return found.Items is [var only] ? await Handle(new GetCustomerOrder(query.UserId, only.Id), ct) : null;
    }

    public async ValueTask<CustomerOrder> Handle(CancelCustomerOrder command, CancellationToken ct)
    {
        OrderView cancelled;
        try
        {
            cancelled = await sender.Send(new CancelOrderCommand(command.OrderId, command.UserId, false, ""), ct);
        }
        catch (ConflictException)
        {
            // A retry of a cancellation that went through: the order as it is now, not a refusal.
            var now = await sender.Send(new OrderDetailQuery(command.OrderId, command.UserId, false), ct);
            if (now.Status != OrderView.StatusName(OrderStatus.Cancelled)) throw;
            cancelled = now;
        }
        return await DescribeAsync(cancelled, askPayments: true, ct);
    }

    private async Task<CustomerOrder> DescribeAsync(OrderView o, bool askPayments, CancellationToken ct)
    {
        var attempts = askPayments ? await sender.Send(new GetOrderPayments(o.Id, o.CustomerId), ct) : [];
        var a = o.ShippingAddress;
        var status = o.Status;
        return new CustomerOrder(o.Id, o.Number, status, o.Lines, o.Amounts, o.Currency, o.VatRate, o.CouponCode,
            new CheckoutAddress(a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details), o.PlacedAt, o.PaymentDueBy, o.PaidAt,
            o.Carrier, o.TrackingNumber, o.CancellationReason, o.RefundedEtb,
            o.Timeline.Select(t => new OrderTrackingStep(t.Status, t.At, t.Note, t.Event)).ToList(), PaymentOf(o, attempts),
            CanCancel: status is "pending_payment" or "paid" or "processing",
            CanPay: status == "pending_payment" && o.PaymentDueBy > clock.GetUtcNow());
    }

    /// <summary>
    /// Orders' status decides "paid" (the order page agrees the moment the return page does); the latest attempt tells a
    /// pending payment from a failed one. A payment the gateway confirmed that Orders has not settled yet is still pending.
    /// </summary>
    internal static OrderPaymentState PaymentOf(OrderView o, IReadOnlyList<OrderPaymentAttempt> attempts)
    {
        if (o.PaidAt is not null)
            return new OrderPaymentState(OrderPaymentState.Paid, o.Gateway, o.PaymentReference,
                attempts.FirstOrDefault(p => p.Reference == o.PaymentReference)?.ReceiptNumber, null);
        if (attempts.Count == 0)
            return o.Status == "cancelled" && o.CancellationReason == OrderCancelled.PaymentFailed
                ? new OrderPaymentState(OrderPaymentState.Failed, null, null, null, "Payment failed")
                : new OrderPaymentState(OrderPaymentState.None, null, null, null, null);
        var last = attempts[^1];
        return last.Status == "failed" || o.Status == "cancelled"
            ? new OrderPaymentState(OrderPaymentState.Failed, last.Gateway, last.Reference, null, last.FailureReason ?? "Order cancelled")
            : new OrderPaymentState(OrderPaymentState.Pending, last.Gateway, last.Reference, null, null);
    }

    private static T Checked<T>(T request) where T : class =>
        Validation.Errors(request) is { Count: > 0 } errors ? throw new ValidationFailedException(errors) : request;
}
