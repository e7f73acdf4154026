using AddisPay.Products.Contracts;
using Marten.Services;

namespace AddisPay.Cart.TrackAvailability;

/// <summary>Keeps the availability shown in carts current and tells customers when a product runs short or is withdrawn.</summary>
internal sealed class TrackAvailability(DocumentWork<ICartStore> work) : IIntegrationEventHandler<StockChanged>, IIntegrationEventHandler<ProductArchived>
{
    /// <summary>Below this many units a cart shows the exact number left; above it "in stock" is all a customer needs.</summary>
    public const int ShownExactlyBelow = 10;

    /// <summary>
    /// Every sale changes a SKU's availability, and a popular SKU sits in many carts: rewriting all of them on each
    /// change made checkout cost grow with the number of carts. Only carts for which the change matters are
    /// touched: the line runs short or recovers, or the number is small enough to be shown.
    /// </summary>
    public async Task HandleAsync(StockChanged e, IntegrationEventContext context, CancellationToken ct)
    {
        var session = work.Session; // in the inbox's transaction; saved after the handler
        // '^' marks the parameters: jsonpath's filter uses '?', Marten's default placeholder. The product ids column finds
        // the carts holding the product through its GIN index; the path then keeps those for which the change matters.
        var carts = await session.QueryAsync<Domain.Cart>('^', """
            where product_ids @> array[^::uuid]
              and jsonb_path_exists(data, '$.Lines[*] ? (@.ProductId == $p && @.Sku == $s && (@.Quantity > $a || @.Available < @.Quantity || @.Available < $low || $a < $low))',
                                    jsonb_build_object('p', ^::text, 's', ^::text, 'a', ^::int, 'low', ^::int))
            """, ct, e.ProductId, e.ProductId.ToString(), e.Sku, e.Available, ShownExactlyBelow);
        foreach (var cart in carts.Where(c => c.UpdateAvailability(e.EventId, e.ProductId, e.Sku, e.Available, e.OccurredAt))) session.Update(cart);
    }

    public Task HandleAsync(ProductArchived e, IntegrationEventContext context, CancellationToken ct) =>
        UpdateCartsAsync(e.ProductId, context, cart => cart.Discontinue(e.EventId, e.ProductId, e.OccurredAt), ct);

    private async Task UpdateCartsAsync(Guid productId, IntegrationEventContext context, Func<Domain.Cart, bool> change, CancellationToken ct)
    {
        var session = work.Session; // in the inbox's transaction; saved after the handler
        var carts = await session.QueryAsync<Domain.Cart>("where product_ids @> array[?::uuid]", ct, productId);
        foreach (var cart in carts.Where(change)) session.Update(cart);
    }
}
