using AddisPay.Products.PublishProduct;

namespace AddisPay.Products.ChangeProductStatusForStaff;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>Publish or archive from the back office: the same rules, saved at once so the answer carries the new version.</summary>
internal sealed class ChangeProductStatusForStaffHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock, Data.IProductImageStore images)
    : ICommandHandler<ChangeProductStatusForStaff, StaffProductChanged>
{
    public async ValueTask<StaffProductChanged> Handle(ChangeProductStatusForStaff command, CancellationToken ct)
    {
        var product = await StaffProducts.LoadAsync(db, command.ProductId, ct) ?? throw new NotFoundException($"Product {command.ProductId} does not exist.");
        var before = await StaffProducts.ViewAsync(product, images, ct);
        if (product.Status == (command.Publish ? ProductStatus.Published : ProductStatus.Archived)) return new StaffProductChanged(before, before, Replayed: true);
        await new PublishProductHandler(db, work, clock).Handle(new PublishProductCommand(product.Id, command.Publish), ct);
        await work.FlushAsync(ct);
        return new StaffProductChanged(await StaffProducts.ViewAsync(product, images, ct), before, Replayed: false);
    }
}
