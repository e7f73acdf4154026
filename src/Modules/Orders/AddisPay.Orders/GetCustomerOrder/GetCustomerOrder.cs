namespace AddisPay.Orders.GetCustomerOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>A shop front's view of one of its signed-in customer's orders, or null: the very command or query the API runs, so the rules are one; input is checked with the API's request rules (a Contracts request arrives without its validation filter).</summary>
internal sealed class GetCustomerOrderHandler(ISender sender, TimeProvider clock) : IQueryHandler<GetCustomerOrder, CustomerOrder?>
{
    public async ValueTask<CustomerOrder?> Handle(GetCustomerOrder query, CancellationToken ct) =>
        await CustomerOrderViews.FindAsync(sender, clock, query.OrderId, query.UserId, ct);
}
