using AddisPay.Orders.Ship;

namespace AddisPay.Orders.ShipOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// The order left the warehouse with a carrier and tracking number, once per form (Contracts, for a staff member whose role the back office
/// checked): the API's own command, its input checked by the API's request rules.
/// </summary>
internal sealed class ShipOrderHandler(ISender sender, RequestKeys keys, OrdersDbContext db) : ICommandHandler<ShipOrder, StaffOrderChanged>
{
    public ValueTask<StaffOrderChanged> Handle(ShipOrder command, CancellationToken ct)
    {
        var request = ValidRequest.Of(new ShipRequest(command.Carrier, command.TrackingNumber));
        return StaffOrderViews.OnceAsync(keys, db, "staff_shipment", command.StaffId, command.IdempotencyKey, command,
            () => sender.Send(new ShipCommand(command.OrderId, Actors.Admin(command.StaffId.ToString()), request.Carrier!.Trim(), request.TrackingNumber!.Trim()), ct), ct);
    }
}
