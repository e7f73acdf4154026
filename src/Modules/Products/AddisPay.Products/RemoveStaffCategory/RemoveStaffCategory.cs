namespace AddisPay.Products.RemoveStaffCategory;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>A category removed only when it holds no products and no subcategories; one already gone is replayed.</summary>
internal sealed class RemoveStaffCategoryHandler(ProductsDbContext db) : ICommandHandler<RemoveStaffCategory, CategoryChange>
{
    public async ValueTask<CategoryChange> Handle(RemoveStaffCategory command, CancellationToken ct)
    {
        var all = await StaffCategoryTree.LoadAsync(db, ct);
        var category = all.Categories.FirstOrDefault(c => c.Slug == (command.Slug ?? "").Trim());
        if (category is null) return new CategoryChange(null, null, true);
        var before = StaffCategoryTree.Node(all, category);
        if (before.Products > 0)
            throw new ConflictException($"'{category.Name}' still holds {before.Products} product(s): file them under another category first.")
            { Reason = Refusal.Of("category.has-products", ("slug", category.Slug), ("products", before.Products)) };
        if (before.Children.Count > 0)
            throw new ConflictException($"'{category.Name}' still holds {before.Children.Count} subcategories: move or remove them first.")
            { Reason = Refusal.Of("category.has-children", ("slug", category.Slug), ("children", before.Children.Count)) };
        // A product filed meanwhile keeps the category: the foreign key refuses the delete rather than leave it unfiled.
        var removed = await db.Categories.Where(c => c.Id == category.Id && !db.Products.Any(p => p.CategoryId == category.Id)).ExecuteDeleteAsync(ct);
        if (removed == 0)
            throw new ConflictException($"'{category.Name}' was given a product just now; reload and try again.")
            { Reason = Refusal.Of("category.has-products", ("slug", category.Slug), ("products", 1)) };
        return new CategoryChange(before, null, false);
    }
}
