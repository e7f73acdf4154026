namespace AddisPay.Orders.GetCustomerOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// A shop front's view of one of its signed-in customer's orders, or null (Contracts): the API's own command or query, its input checked by the
/// API's request rules.
/// </summary>
internal sealed class GetCustomerOrderHandler(ISender sender, TimeProvider clock) : IQueryHandler<GetCustomerOrder, CustomerOrder?>
{
    public async ValueTask<CustomerOrder?> Handle(GetCustomerOrder query, CancellationToken ct) =>
        await CustomerOrderViews.FindAsync(sender, clock, query.OrderId, query.UserId, ct);
}
