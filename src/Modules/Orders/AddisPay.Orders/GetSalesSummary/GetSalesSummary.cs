namespace AddisPay.Orders.GetSalesSummary;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>Orders placed and paid in a period, and the revenue kept (paid less refunded), for a back office's dashboard.</summary>
internal sealed class GetSalesSummaryHandler(OrdersDbContext db) : IQueryHandler<GetSalesSummary, SalesSummary>
{
    public async ValueTask<SalesSummary> Handle(GetSalesSummary query, CancellationToken ct)
    {
        var (from, to) = (query.From.ToUniversalTime(), query.To.ToUniversalTime());
        var placed = await db.Orders.AsNoTracking().CountAsync(o => o.PlacedAt >= from && o.PlacedAt < to, ct);
        var paid = await db.Orders.AsNoTracking().Where(o => o.PaidAt >= from && o.PaidAt < to)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Revenue = g.Sum(o => o.TotalEtb - o.RefundedEtb) }).FirstOrDefaultAsync(ct);
        return new SalesSummary(placed, paid?.Count ?? 0, paid?.Revenue ?? 0m);
    }
}
