using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Products.Offers;

internal sealed class GetProductOfferHandler(ProductsDbContext db) : IQueryHandler<GetProductOffer, ProductOffer?>
{
    public async ValueTask<ProductOffer?> Handle(GetProductOffer query, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.ProductId, ct);
        return product?.ToOffer();
    }
}
