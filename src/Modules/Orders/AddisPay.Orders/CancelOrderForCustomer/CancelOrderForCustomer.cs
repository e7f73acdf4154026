using AddisPay.Orders.CancelOrder;

namespace AddisPay.Orders.CancelOrderForCustomer;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// Staff cancel a customer's order, once per form (Contracts, for a staff member whose role the back office checked): the API's own command,
/// its input checked by the API's request rules.
/// </summary>
internal sealed class CancelOrderForCustomerHandler(ISender sender, RequestKeys keys, OrdersDbContext db) : ICommandHandler<CancelOrderForCustomer, StaffOrderChanged>
{
    public ValueTask<StaffOrderChanged> Handle(CancelOrderForCustomer command, CancellationToken ct) =>
        StaffOrderViews.OnceAsync(keys, db, "staff_cancel", command.StaffId, command.IdempotencyKey, command,
            () => sender.Send(new CancelOrderCommand(command.OrderId, null, true, Actors.Admin(command.StaffId.ToString())), ct), ct);
}
