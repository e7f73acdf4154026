using AddisPay.Shared.Http;
using System.Security.Claims;
using AddisPay.Orders.Data;
using AddisPay.Orders.Domain;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Orders.OrderHistory;

internal sealed record MyOrdersQuery(Guid CustomerId, int Page, int PageSize) : IQuery<OrderPage>;
internal sealed record OrderDetailQuery(Guid OrderId, Guid UserId, bool Staff) : IQuery<OrderView>;
internal sealed record SearchOrdersQuery(OrderStatus? Status, Guid? CustomerId, DateTimeOffset? From, DateTimeOffset? To, string? Number, int Page, int PageSize)
    : IQuery<OrderPage>;

internal sealed class OrderHistoryHandlers(OrdersDbContext db)
    : IQueryHandler<MyOrdersQuery, OrderPage>, IQueryHandler<OrderDetailQuery, OrderView>, IQueryHandler<SearchOrdersQuery, OrderPage>
{
    public async ValueTask<OrderPage> Handle(MyOrdersQuery query, CancellationToken ct) =>
        await PageAsync(db.Orders.AsNoTracking().Where(o => o.CustomerId == query.CustomerId), query.Page, query.PageSize, ct);

    public async ValueTask<OrderView> Handle(OrderDetailQuery query, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.OrderId, ct);
        if (order is null || (!query.Staff && order.CustomerId != query.UserId)) throw new NotFoundException($"Order {query.OrderId} does not exist.");
        return OrderView.From(order, await db.RefundsOfAsync(order.Id, ct));
    }

    public async ValueTask<OrderPage> Handle(SearchOrdersQuery query, CancellationToken ct)
    {
        var orders = db.Orders.AsNoTracking();
        if (query.Status is { } status) orders = orders.Where(o => o.Status == status);
        if (query.CustomerId is { } customer) orders = orders.Where(o => o.CustomerId == customer);
        if (query.From is { } from) orders = orders.Where(o => o.PlacedAt >= from);
        if (query.To is { } to) orders = orders.Where(o => o.PlacedAt < to);
        if (!string.IsNullOrWhiteSpace(query.Number)) orders = orders.Where(o => o.Number == query.Number.Trim().ToUpper());
        return await PageAsync(orders, query.Page, query.PageSize, ct);
    }

    private static async Task<OrderPage> PageAsync(IQueryable<Order> orders, int page, int pageSize, CancellationToken ct)
    {
        var total = await orders.CountAsync(ct);
        // Newest first, ties broken by id, so pages never overlap or skip.
        var items = await orders.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new OrderPage(items.Select(OrderSummaryView.From).ToList(), page, pageSize, total);
    }
}

internal static class OrderHistoryEndpoints
{
    public static void MapOrderHistory(this IEndpointRouteBuilder api)
    {
        api.MapGet("/", async (int? page, int? pageSize, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Paging.Errors(page, pageSize) is { Count: > 0 } errors ? Results.ValidationProblem(errors)
                    : Results.Ok(await sender.Send(new MyOrdersQuery(user.UserId()!.Value, page ?? 1, pageSize ?? 20), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("MyOrders").WithSummary("The signed-in customer's orders, newest first.")
            .Produces<OrderPage>().ProducesValidationProblem();

        api.MapGet("/{orderId:guid}", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new OrderDetailQuery(orderId, user.UserId() ?? Guid.Empty, user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support)), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("GetOrder").WithSummary("An order with its lines, amounts, address, refunds and tracking timeline.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound);

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
}
