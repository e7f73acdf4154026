using AddisPay.Orders.GetOrder;

namespace AddisPay.Orders.GetStaffOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// An order with its refunds and what can still be refunded, or null (Contracts, for a staff member whose role the back office checked): the
/// API's own command, its input checked by the API's request rules.
/// </summary>
internal sealed class GetStaffOrderHandler(ISender sender, OrdersDbContext db) : IQueryHandler<GetStaffOrder, StaffOrder?>
{
    public async ValueTask<StaffOrder?> Handle(GetStaffOrder query, CancellationToken ct)
    {
        try
        {
            return await StaffOrderViews.DescribeAsync(db, await sender.Send(new GetOrderQuery(query.OrderId, Guid.Empty, true), ct), ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
