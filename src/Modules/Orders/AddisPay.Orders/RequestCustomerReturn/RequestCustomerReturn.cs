using AddisPay.Orders.RefundLines;
using AddisPay.Orders.RequestReturn;
using Microsoft.Extensions.Options;

namespace AddisPay.Orders.RequestCustomerReturn;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>A shop front's return request (Contracts) for its signed-in customer: the API's rules and the API's handler.</summary>
internal sealed class RequestCustomerReturnHandler(OrderChanges changes, OrdersDbContext db, IOptions<OrdersOptions> options) : ICommandHandler<RequestCustomerReturn, CustomerReturn>
{
    public async ValueTask<CustomerReturn> Handle(RequestCustomerReturn command, CancellationToken ct)
    {
        // The API's own request rules: a Contracts request arrives without the endpoint's validation filter.
        var request = new ReturnGoodsRequest(command.Lines?.Select(l => new LineUnits(l.Sku, l.Quantity)).ToList(), command.Reason);
        if (Validation.Errors(request) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var made = await new RequestReturnHandler(changes, db, options).Handle(new RequestReturnCommand(command.OrderId, command.UserId, LineUnitsRules.Units(request.Lines), request.Reason!.Trim()), ct);
        return new CustomerReturn(made.Id, made.Status, made.Lines, made.Reason, made.RequestedAt, made.RefusalReason, null);
    }
}
