using AddisPay.Shared.Contracts;

namespace AddisPay.Cart.Contracts;

/// <summary>A shopper put a product in a cart (behaviour for Recommendations). <see cref="UserId"/> is null for a visitor.</summary>
public sealed record CartItemAdded(Guid CartId, Guid? UserId, Guid ProductId, string Sku, int Quantity) : IntegrationEvent
{
    public override Guid StreamId => CartId;
}
