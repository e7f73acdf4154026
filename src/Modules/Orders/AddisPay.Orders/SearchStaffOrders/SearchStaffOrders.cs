using AddisPay.Orders.SearchOrders;

namespace AddisPay.Orders.SearchStaffOrders;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// Orders by status, customer, placing time or number, newest first (Contracts, for a staff member whose role the back office checked): the
/// API's own command, its input checked by the API's request rules.
/// </summary>
internal sealed class SearchStaffOrdersHandler(ISender sender) : IQueryHandler<SearchStaffOrders, StaffOrderPage>
{
    public async ValueTask<StaffOrderPage> Handle(SearchStaffOrders query, CancellationToken ct)
    {
        var errors = Paging.Errors(query.Page, query.PageSize);
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(query.Status))
        {
            if (OrderView.TryParseStatus(query.Status, out var s)) wanted = s;
            else errors["status"] = [$"Use one of: {string.Join(", ", Enum.GetValues<OrderStatus>().Select(OrderView.StatusName))}."];
        }
        if (query.Number is { Length: > 20 }) errors["number"] = ["An order number has at most 20 characters."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        // Npgsql writes timestamptz parameters in UTC only; a caller may send any offset (Addis Ababa's +03:00).
        var page = await sender.Send(new SearchOrdersQuery(wanted, query.CustomerId, query.From?.ToUniversalTime(), query.To?.ToUniversalTime(), query.Number,
            query.Page, query.PageSize), ct);
        return new StaffOrderPage(page.Items.Select(o => new StaffOrderSummary(o.Id, o.Number, o.Status, o.TotalEtb, o.Items, o.PlacedAt, o.CustomerId)).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}
