using AddisPay.Products.Contracts;

namespace AddisPay.Products.GetProductOfferHandler;

internal sealed class GetProductOfferHandler(ProductsDbContext db) : IQueryHandler<GetProductOffer, ProductOffer?>
{
    public async ValueTask<ProductOffer?> Handle(GetProductOffer query, CancellationToken ct) =>
        await OfferFor(db, query.ProductId, query.Sku?.ToUpperInvariant(), ct);

    /// <summary>
    /// Asked twice per checkout (adding to the cart, pricing the order): only what an offer shows, not the product
    /// page with its description, images and attribute documents. Compiled once: building and looking up the LINQ
    /// expression on every call cost more CPU than the query itself.
    /// </summary>
    private static readonly Func<ProductsDbContext, Guid, string?, CancellationToken, Task<ProductOffer?>> OfferFor = EF.CompileAsyncQuery(
        (ProductsDbContext db, Guid productId, string? sku, CancellationToken ct) =>
            (from p in db.Products
             join v in db.Variants on p.Id equals v.ProductId
             where p.Id == productId && (sku == null || v.Sku == sku)
             // Without a SKU: the product's cheapest variant.
             orderby v.PriceEtb, v.Sku
             select new ProductOffer(p.Id, v.Sku, p.Name, p.NameAm, v.PriceEtb, v.OnHand - v.Reserved,
                 p.Status == ProductStatus.Published && v.OnHand - v.Reserved > 0)).FirstOrDefault());
}
