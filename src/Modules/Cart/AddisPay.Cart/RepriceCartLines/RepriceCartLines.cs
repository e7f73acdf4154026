using AddisPay.Products.Contracts;
using Marten.Services;

namespace AddisPay.Cart.RepriceCartLines;

/// <summary>
/// When Products changes a price, every cart holding that product takes the new price and shows the
/// customer what changed. Runs inside the inbox transaction, so it applies once per event.
/// </summary>
internal sealed class RepriceCartLines(DocumentWork<ICartStore> work) : IIntegrationEventHandler<ProductPriceChanged>
{
    public async Task HandleAsync(ProductPriceChanged e, IntegrationEventContext context, CancellationToken ct)
    {
        var session = work.Session; // in the inbox's transaction; saved after the handler
        // Through the GIN index on the carts' product ids (Cart.ProductIds).
        var carts = await session.QueryAsync<Domain.Cart>("where product_ids @> array[?::uuid]", ct, e.ProductId);
        foreach (var cart in carts)
        {
            if (cart.Reprice(e.EventId, e.ProductId, e.Sku, e.OldPriceEtb, e.NewPriceEtb, e.OccurredAt))
                session.Update(cart);
        }
    }
}
