using AddisPay.Orders.Deliver;

namespace AddisPay.Orders.DeliverOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// The customer received the order, once per form (Contracts, for a staff member whose role the back office checked): the API's own command,
/// its input checked by the API's request rules.
/// </summary>
internal sealed class DeliverOrderHandler(ISender sender, RequestKeys keys, OrdersDbContext db) : ICommandHandler<DeliverOrder, StaffOrderChanged>
{
    public ValueTask<StaffOrderChanged> Handle(DeliverOrder command, CancellationToken ct) =>
        StaffOrderViews.OnceAsync(keys, db, "staff_delivery", command.StaffId, command.IdempotencyKey, command,
            () => sender.Send(new DeliverCommand(command.OrderId, Actors.Admin(command.StaffId.ToString())), ct), ct);
}
