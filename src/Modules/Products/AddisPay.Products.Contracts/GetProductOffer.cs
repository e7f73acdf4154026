using Mediator;

namespace AddisPay.Products.Contracts;

/// <summary>What another module needs to sell a product now: its current price and how many can be bought.</summary>
public sealed record GetProductOffer(Guid ProductId) : IQuery<ProductOffer?>;

/// <param name="PriceEtb">Unit price in Ethiopian birr, before 15% VAT.</param>
/// <param name="Available">Units that can be bought now (on hand minus reserved).</param>
public sealed record ProductOffer(Guid ProductId, string Sku, string Name, string NameAm, decimal PriceEtb, int Available, bool Purchasable);
