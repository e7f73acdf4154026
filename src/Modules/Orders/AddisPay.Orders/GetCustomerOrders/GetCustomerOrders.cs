using AddisPay.Orders.MyOrders;

namespace AddisPay.Orders.GetCustomerOrders;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// A shop front's page of its signed-in customer's orders, newest first (Contracts): the API's own command or query, its input checked by the
/// API's request rules.
/// </summary>
internal sealed class GetCustomerOrdersHandler(ISender sender) : IQueryHandler<GetCustomerOrders, CustomerOrderPage>
{
    public async ValueTask<CustomerOrderPage> Handle(GetCustomerOrders query, CancellationToken ct)
    {
        if (Paging.Errors(query.Page, query.PageSize) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var page = await sender.Send(new MyOrdersQuery(query.UserId, query.Page, query.PageSize), ct);
        return new CustomerOrderPage(page.Items.Select(o => new CustomerOrderSummary(o.Id, o.Number, o.Status, o.TotalEtb, o.Items, o.PlacedAt)).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}
