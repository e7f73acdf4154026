using AddisPay.Orders.IssueRefund;

namespace AddisPay.Orders.RefundOrderAmount;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// Staff refund an amount of a paid order, once per key (Contracts, for a staff member whose role the back office checked): the API's own
/// command, its input checked by the API's request rules.
/// </summary>
internal sealed class RefundOrderAmountHandler(ISender sender, OrdersDbContext db) : ICommandHandler<RefundOrderAmount, StaffOrderChanged>
{
    public async ValueTask<StaffOrderChanged> Handle(RefundOrderAmount command, CancellationToken ct)
    {
        StaffOrderViews.KeyChecked(command.IdempotencyKey);
        var request = ValidRequest.Of(new IssueRefundRequest(command.AmountEtb, command.Reason));
        var refunded = await sender.Send(new IssueRefundCommand(command.OrderId, Actors.Admin(command.StaffId.ToString()), request.AmountEtb!.Value,
            request.Reason!.Trim(), command.StaffId, command.IdempotencyKey), ct);
        return new StaffOrderChanged(await StaffOrderViews.DescribeAsync(db, refunded.Value, ct), refunded.Replayed);
    }
}
