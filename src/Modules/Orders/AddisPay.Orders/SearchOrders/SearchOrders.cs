namespace AddisPay.Orders.SearchOrders;

internal sealed record SearchOrdersQuery(OrderStatus? Status, Guid? CustomerId, DateTimeOffset? From, DateTimeOffset? To, string? Number, int Page, int PageSize)
    : IQuery<OrderPage>;

/// <summary>Staff search orders by status, customer, placing time or number, newest first.</summary>
internal sealed class SearchOrdersHandler(OrdersDbContext db) : IQueryHandler<SearchOrdersQuery, OrderPage>
{
    public async ValueTask<OrderPage> Handle(SearchOrdersQuery query, CancellationToken ct)
    {
        var orders = db.Orders.AsNoTracking();
        if (query.Status is { } status) orders = orders.Where(o => o.Status == status);
        if (query.CustomerId is { } customer) orders = orders.Where(o => o.CustomerId == customer);
        if (query.From is { } from) orders = orders.Where(o => o.PlacedAt >= from);
        if (query.To is { } to) orders = orders.Where(o => o.PlacedAt < to);
        if (!string.IsNullOrWhiteSpace(query.Number)) orders = orders.Where(o => o.Number == query.Number.Trim().ToUpper());
        return await OrderPaging.PageAsync(orders, query.Page, query.PageSize, ct);
    }
}

internal static class SearchOrdersEndpoint
{
    public static void MapSearchOrders(this IEndpointRouteBuilder api) =>
        api.MapGet("/admin/orders", async (string? status, Guid? customerId, DateTimeOffset? from, DateTimeOffset? to, string? number, int? page, int? pageSize,
                ISender sender, CancellationToken ct) =>
            {
                var errors = Paging.Errors(page, pageSize);
                OrderStatus? wanted = null;
                if (status is not null)
                {
                    if (OrderView.TryParseStatus(status, out var s)) wanted = s;
                    else errors["status"] = [$"Use one of: {string.Join(", ", Enum.GetValues<OrderStatus>().Select(OrderView.StatusName))}."];
                }
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                return Results.Ok(await sender.Send(new SearchOrdersQuery(wanted, customerId, from, to, number, page ?? 1, pageSize ?? 20), ct));
            })
            .RequireAuthorization(Policies.Support)
            .WithName("SearchOrders").WithSummary("Staff search orders by status, customer, date range or number.")
            .Produces<OrderPage>().ProducesValidationProblem();
}
