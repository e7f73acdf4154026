using AddisPay.Orders.StartProcessing;

namespace AddisPay.Orders.StartOrderProcessing;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// A paid order is being prepared, once per form (Contracts, for a staff member whose role the back office checked): the API's own command, its
/// input checked by the API's request rules.
/// </summary>
internal sealed class StartOrderProcessingHandler(ISender sender, RequestKeys keys, OrdersDbContext db) : ICommandHandler<StartOrderProcessing, StaffOrderChanged>
{
    public ValueTask<StaffOrderChanged> Handle(StartOrderProcessing command, CancellationToken ct) =>
        StaffOrderViews.OnceAsync(keys, db, "staff_processing", command.StaffId, command.IdempotencyKey, command,
            () => sender.Send(new StartProcessingCommand(command.OrderId, Actors.Admin(command.StaffId.ToString())), ct), ct);
}
