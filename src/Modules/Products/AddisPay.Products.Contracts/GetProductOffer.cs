using Mediator;

namespace AddisPay.Products.Contracts;

/// <summary>
/// What another module needs to sell a product now: the current price and how many can be bought of one
/// variant (by SKU, or the product's first variant when no SKU is given).
/// </summary>
public sealed record GetProductOffer(Guid ProductId, string? Sku = null) : IQuery<ProductOffer?>;

/// <param name="PriceEtb">Unit price in Ethiopian birr, before 15% VAT.</param>
/// <param name="Available">Units that can be bought now (on hand minus reserved).</param>
/// <param name="Purchasable">Published and in stock.</param>
public sealed record ProductOffer(Guid ProductId, string Sku, string Name, string NameAm, decimal PriceEtb, int Available, bool Purchasable);
