using AddisPay.Products.Contracts;
using AddisPay.Products.GetProductOfferHandler;

namespace AddisPay.Products.GetProductOffersHandler;

/// <summary>
/// One query for every variant of the products asked for; each answer is then picked as <see cref="GetProductOfferHandler"/>
/// picks it (the SKU asked for, else the cheapest variant), so a cart priced in one request is priced as line by line.
/// </summary>
internal sealed class GetProductOffersHandler(ProductsDbContext db) : IQueryHandler<GetProductOffers, IReadOnlyList<ProductOffer?>>
{
    public async ValueTask<IReadOnlyList<ProductOffer?>> Handle(GetProductOffers query, CancellationToken ct)
    {
        if (query.Wanted is null || query.Wanted.Count > GetProductOffers.MaxWanted)
            throw new ValidationFailedException("wanted", $"Ask for between 0 and {GetProductOffers.MaxWanted} offers.");
        if (query.Wanted.Count == 0) return [];

        var productIds = query.Wanted.Select(w => w.ProductId).Distinct().ToArray();
        var variants = await OffersOf(db, productIds).ToListAsync(ct);
        var byProduct = variants.ToLookup(o => o.ProductId);
        return query.Wanted.Select(w =>
        {
            var sku = w.Sku?.ToUpperInvariant();
            return byProduct[w.ProductId].FirstOrDefault(o => sku is null || o.Sku == sku);
        }).ToList();
    }

    private static readonly Func<ProductsDbContext, Guid[], IAsyncEnumerable<ProductOffer>> OffersOf = EF.CompileAsyncQuery(
        (ProductsDbContext db, Guid[] productIds) =>
            from p in db.Products
            join v in db.Variants on p.Id equals v.ProductId
            where productIds.Contains(p.Id)
            // The single query's order, kept by the lookup: without a SKU, the first is the cheapest variant.
            orderby v.PriceEtb, v.Sku
            select new ProductOffer(p.Id, v.Sku, p.Name, p.NameAm, v.PriceEtb, v.OnHand - v.Reserved,
                p.Status == ProductStatus.Published && v.OnHand - v.Reserved > 0));
}
