using AddisPay.Cart.Baskets;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Events;
using Marten;
using Marten.Services;

namespace AddisPay.Cart.Repricing;

/// <summary>Keeps the availability shown in carts current and tells customers when a product runs short or is withdrawn.</summary>
internal sealed class TrackAvailability(ICartStore store) : IIntegrationEventHandler<StockChanged>, IIntegrationEventHandler<ProductArchived>
{
    public Task HandleAsync(StockChanged e, IntegrationEventContext context, CancellationToken ct) =>
        UpdateCartsAsync(e.ProductId, context, cart => cart.UpdateAvailability(e.EventId, e.ProductId, e.Sku, e.Available, e.OccurredAt), ct);

    public Task HandleAsync(ProductArchived e, IntegrationEventContext context, CancellationToken ct) =>
        UpdateCartsAsync(e.ProductId, context, cart => cart.Discontinue(e.EventId, e.ProductId, e.OccurredAt), ct);

    private async Task UpdateCartsAsync(Guid productId, IntegrationEventContext context, Func<Baskets.Cart, bool> change, CancellationToken ct)
    {
        await using var session = store.LightweightSession(SessionOptions.ForTransaction(context.Transaction));
        var carts = await session.Query<Baskets.Cart>().Where(c => c.Lines.Any(l => l.ProductId == productId)).ToListAsync(ct);
        foreach (var cart in carts.Where(change)) session.Update(cart);
        await session.SaveChangesAsync(ct);
    }
}
