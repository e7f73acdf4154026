namespace AddisPay.Products.GetStock;

/// <summary>Also sent by <c>AdjustStock</c>, to answer with the stock as the adjustment leaves it.</summary>
internal sealed record GetStockQuery(string Sku) : IQuery<StockView>;

internal sealed class GetStockHandler(ProductsDbContext db) : IQueryHandler<GetStockQuery, StockView>
{
    public async ValueTask<StockView> Handle(GetStockQuery query, CancellationToken ct)
    {
        var sku = query.Sku.ToUpperInvariant();
        var v = await db.Variants.AsNoTracking().FirstOrDefaultAsync(x => x.Sku == sku, ct) ?? throw new NotFoundException($"There is no SKU {sku}.");
        var movements = await db.StockMovements.AsNoTracking().Where(m => m.VariantId == v.Id).OrderByDescending(m => m.Id).Take(50)
            .Select(m => new MovementView(m.OnHandDelta, m.ReservedDelta, m.Reason, m.Note, m.Actor, m.ReservationId, m.At)).ToListAsync(ct);
        return new StockView(v.Sku, v.ProductId, v.OnHand, v.Reserved, v.OnHand - v.Reserved, movements);
    }
}

internal static class GetStockEndpoint
{
    public static void MapGetStock(this IEndpointRouteBuilder api) =>
        api.MapGroup("/inventory").RequireAuthorization(Policies.Admin)
            .MapGet("/{sku}", async (string sku, ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new GetStockQuery(sku), ct)))
            .WithName("GetStock").WithSummary("On hand, reserved and available stock of a SKU with its latest movements (admin).")
            .Produces<StockView>();
}
