namespace AddisPay.Orders.Domain;

/// <summary>A page of orders as the customer's list and the staff search answer it.</summary>
internal static class OrderPaging
{
    public static async Task<OrderPage> PageAsync(IQueryable<Order> orders, int page, int pageSize, CancellationToken ct)
    {
        var total = await orders.CountAsync(ct);
        // Newest first, ties broken by id, so pages never overlap or skip.
        var items = await orders.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new OrderPage(items.Select(OrderSummaryView.From).ToList(), page, pageSize, total);
    }
}
