using AddisPay.Orders.CancelOrder;
using AddisPay.Orders.GetOrder;

namespace AddisPay.Orders.CancelCustomerOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// A shop front cancels its signed-in customer's order; a retry of one that went through answers the order as it is (Contracts): the API's own
/// command or query, its input checked by the API's request rules.
/// </summary>
internal sealed class CancelCustomerOrderHandler(ISender sender, TimeProvider clock) : ICommandHandler<CancelCustomerOrder, CustomerOrder>
{
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
            var now = await sender.Send(new GetOrderQuery(command.OrderId, command.UserId, false), ct);
            if (now.Status != OrderView.StatusName(OrderStatus.Cancelled)) throw;
            cancelled = now;
        }
        return await CustomerOrderViews.DescribeAsync(sender, clock, cancelled, askPayments: true, ct);
    }
}
