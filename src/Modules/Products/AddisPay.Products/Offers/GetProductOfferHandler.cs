using AddisPay.Products.Catalogue;
using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Products.Offers;

internal sealed class GetProductOfferHandler(ProductsDbContext db) : IQueryHandler<GetProductOffer, ProductOffer?>
{
    public async ValueTask<ProductOffer?> Handle(GetProductOffer query, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Variants).FirstOrDefaultAsync(p => p.Id == query.ProductId, ct);
        if (product is null) return null;
        var variant = query.Sku is null
            ? product.Variants.OrderBy(v => v.PriceEtb).ThenBy(v => v.Sku).FirstOrDefault()
            : product.Variants.FirstOrDefault(v => v.Sku == query.Sku.ToUpperInvariant());
        if (variant is null) return null;
        return new ProductOffer(product.Id, variant.Sku, product.Name, product.NameAm, variant.PriceEtb, variant.Available,
            product.Status == ProductStatus.Published && variant.Available > 0);
    }
}
