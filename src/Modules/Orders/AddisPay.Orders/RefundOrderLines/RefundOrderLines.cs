using AddisPay.Orders.RefundLines;

namespace AddisPay.Orders.RefundOrderLines;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// Staff refund units of a paid order's lines (and its shipping), once per key (Contracts, for a staff member whose role the back office
/// checked): the API's own command, its input checked by the API's request rules.
/// </summary>
internal sealed class RefundOrderLinesHandler(ISender sender, OrdersDbContext db) : ICommandHandler<RefundOrderLines, StaffOrderChanged>
{
    public async ValueTask<StaffOrderChanged> Handle(RefundOrderLines command, CancellationToken ct)
    {
        StaffOrderViews.KeyChecked(command.IdempotencyKey);
        var request = ValidRequest.Of(new RefundLinesRequest(command.Lines.Select(l => new LineUnits(l.Sku, l.Quantity)).ToList(), command.RefundShipping, command.Reason));
        var refunded = await sender.Send(new RefundLinesCommand(command.OrderId, Actors.Admin(command.StaffId.ToString()), LineUnitsRules.Units(request.Lines),
            request.RefundShipping, request.Reason!.Trim(), command.StaffId, command.IdempotencyKey), ct);
        return new StaffOrderChanged(await StaffOrderViews.DescribeAsync(db, refunded.Value, ct), refunded.Replayed);
    }
}
