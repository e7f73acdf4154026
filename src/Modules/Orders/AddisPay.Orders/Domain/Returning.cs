using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

/// <summary>What the steps of a return share: the units a new return can't ask for, the open return a step acts on, a return's units in words.</summary>
internal static class Returning
{
    /// <summary>Units refunded or under way, and units in returns still open: what a new return can't ask for again.</summary>
    public static async Task<LineRefunds.Earlier> TakenAsync(OrdersDbContext db, Order order, CancellationToken ct)
    {
        var earlier = await Refunding.EarlierAsync(db, order, ct);
        var open = await db.Returns.AsNoTracking()
            .Where(r => r.OrderId == order.Id && (r.Status == ReturnStatus.Requested || r.Status == ReturnStatus.Approved)).ToListAsync(ct);
        var quantities = new Dictionary<string, int>(earlier.Quantities, StringComparer.OrdinalIgnoreCase);
        foreach (var line in open.SelectMany(r => r.Lines)) quantities[line.Sku] = quantities.GetValueOrDefault(line.Sku) + line.Quantity;
        return earlier with { Quantities = quantities };
    }

    public static async Task<ReturnRequest> OpenAsync(OrdersDbContext db, Order order, Guid returnId, ReturnStatus expected, CancellationToken ct)
    {
        var request = await db.Returns.FirstOrDefaultAsync(r => r.Id == returnId && r.OrderId == order.Id, ct)
            ?? throw new NotFoundException($"Order {order.Number} has no return {returnId}.");
        if (request.Status != expected)
            throw new ConflictException($"Return {returnId} is {request.Status.ToString().ToLowerInvariant()}, not {expected.ToString().ToLowerInvariant()}.")
            {
                Reason = Refusal.Of("return.status", ("order", order.Number), ("status", request.Status.ToString().ToLowerInvariant()))
            };
        return request;
    }

    public static string Units(IEnumerable<ReturnLine> lines) => string.Join(", ", lines.Select(l => $"{l.Quantity} × {l.Sku}"));
}
