using AddisPay.Products.Contracts;
using AddisPay.Products.GetProduct;

namespace AddisPay.Products.GetProductDetailHandler;

/// <summary>The product page's read, for another module (the storefront): the same query as the API's product detail.</summary>
internal sealed class GetProductDetailHandler(ISender sender) : IQueryHandler<GetProductDetail, ProductDetail?>
{
    public async ValueTask<ProductDetail?> Handle(GetProductDetail query, CancellationToken ct)
    {
        ProductView p;
        try
        {
            (p, _) = await sender.Send(new GetProductQuery(query.IdOrSlug, IncludeUnpublished: false), ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
        return new ProductDetail(p.Id, p.Slug, p.Name, p.NameAm, p.Description, p.DescriptionAm, p.Brand,
            p.Category?.Slug, p.Category?.Name, p.Category?.NameAm, p.Images,
            p.Variants.Select(v => new ProductVariant(v.Sku, v.Options, v.PriceEtb, v.Available)).ToList(), p.Rating, p.RatingCount);
    }
}
