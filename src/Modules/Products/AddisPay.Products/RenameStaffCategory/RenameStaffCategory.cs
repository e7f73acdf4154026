namespace AddisPay.Products.RenameStaffCategory;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>A category's English and Amharic names changed; the same names again change nothing (replayed).</summary>
internal sealed class RenameStaffCategoryHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work) : ICommandHandler<RenameStaffCategory, CategoryChange>
{
    public async ValueTask<CategoryChange> Handle(RenameStaffCategory command, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = command.Name?.Trim() ?? "";
        var nameAm = command.NameAm?.Trim() ?? "";
        if (name.Length is < 2 or > 100) errors["name"] = ["An English name has 2 to 100 characters."];
        if (nameAm.Length is < 2 or > 100) errors["nameAm"] = ["An Amharic name has 2 to 100 characters."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var all = await StaffCategoryTree.LoadAsync(db, ct);
        var category = StaffCategoryTree.Find(all, command.Slug);
        var before = StaffCategoryTree.Node(all, category);
        if (category.Name == name && category.NameAm == nameAm) return new CategoryChange(before, before, true);
        var tracked = await db.Categories.FirstAsync(c => c.Id == category.Id, ct);
        tracked.Name = category.Name = name;
        tracked.NameAm = category.NameAm = nameAm;
        // Search keeps the category's names with each product filed under it: told in the same transaction as the rename.
        work.Raise(StaffCategoryTree.Changed(all, category));
        await work.FlushAsync(ct);
        return new CategoryChange(before, StaffCategoryTree.Node(all, category), false);
    }
}
