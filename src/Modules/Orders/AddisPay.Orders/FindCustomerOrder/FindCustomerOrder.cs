using AddisPay.Orders.SearchOrders;

namespace AddisPay.Orders.FindCustomerOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// A shop front finds its signed-in customer's order by number (someone else's number finds nothing) (Contracts): the API's own command or
/// query, its input checked by the API's request rules.
/// </summary>
internal sealed class FindCustomerOrderHandler(ISender sender, TimeProvider clock) : IQueryHandler<FindCustomerOrder, CustomerOrder?>
{
    public async ValueTask<CustomerOrder?> Handle(FindCustomerOrder query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query.Number) || query.Number.Length > 20) return null;
        // Staff search, narrowed to the customer: someone else's number finds nothing.
        var found = await sender.Send(new SearchOrdersQuery(null, query.UserId, null, null, query.Number, 1, 1), ct);
        return found.Items is [var only] ? await CustomerOrderViews.FindAsync(sender, clock, only.Id, query.UserId, ct) : null;
    }
}
