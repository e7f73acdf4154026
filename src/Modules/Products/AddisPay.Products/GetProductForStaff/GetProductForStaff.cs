using AddisPay.Products.Contracts;
using AddisPay.Products.GetProductImage;
using AddisPay.Products.GetUploadedImage;
using AddisPay.Products.RemoveProductImageHandler;

namespace AddisPay.Products.GetProductForStaff;

/// <summary>A product for the back office's edit page, whatever its status.</summary>
internal sealed class GetProductForStaffHandler(ProductsDbContext db, IProductImageStore images) : IQueryHandler<Contracts.GetProductForStaff, StaffProduct?>
{
    public async ValueTask<StaffProduct?> Handle(Contracts.GetProductForStaff query, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == query.ProductId, ct);
        return product is null ? null : await StaffProducts.ViewAsync(product, images, ct);
    }
}
