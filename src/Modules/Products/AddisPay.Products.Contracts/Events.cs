using AddisPay.Shared.Contracts;

namespace AddisPay.Products.Contracts;

public sealed record ProductCreated(Guid ProductId, string Sku, string Name, string NameAm, decimal PriceEtb, int Available) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}

/// <summary>A product's unit price changed. Carts reprice their lines and tell the customer.</summary>
public sealed record ProductPriceChanged(Guid ProductId, decimal OldPriceEtb, decimal NewPriceEtb) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}
