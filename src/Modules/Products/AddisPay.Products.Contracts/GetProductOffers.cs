using Mediator;

namespace AddisPay.Products.Contracts;

/// <summary>
/// The offers of several variants in one request, answering what <see cref="GetProductOffer"/> answers for each, in the
/// order asked (null where there is no such product or SKU). Pricing a cart asks once, not once per line: between pods
/// each request is an HTTP round trip.
/// </summary>
public sealed record GetProductOffers(IReadOnlyList<OfferFor> Wanted) : IQuery<IReadOnlyList<ProductOffer?>>
{
    /// <summary>As many as a cart can hold lines, with room to spare.</summary>
    public const int MaxWanted = 200;
}

/// <summary>One variant asked for: by SKU, or the product's cheapest variant when no SKU is given.</summary>
public sealed record OfferFor(Guid ProductId, string? Sku = null);
