namespace AddisPay.Products.MoveStaffCategory;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>A category filed under another (or at the top), never under itself or its own branch; the same parent again changes nothing.</summary>
internal sealed class MoveStaffCategoryHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work) : ICommandHandler<MoveStaffCategory, CategoryChange>
{
    public async ValueTask<CategoryChange> Handle(MoveStaffCategory command, CancellationToken ct)
    {
        var all = await StaffCategoryTree.LoadAsync(db, ct);
        var category = StaffCategoryTree.Find(all, command.Slug);
        var parent = string.IsNullOrWhiteSpace(command.NewParentSlug) ? null
            : all.Categories.FirstOrDefault(c => c.Slug == command.NewParentSlug.Trim())
              ?? throw new ValidationFailedException("newParentSlug", $"There is no category '{command.NewParentSlug.Trim()}'.");
        var before = StaffCategoryTree.Node(all, category);
        if (category.ParentId == parent?.Id) return new CategoryChange(before, before, true);
        // Under itself or anything below it, the branch would hang from nothing: a loop no shop menu can show.
        for (var at = parent; at is not null; at = all.Categories.FirstOrDefault(c => c.Id == at.ParentId))
            if (at.Id == category.Id)
                throw new ConflictException(parent!.Id == category.Id
                    ? $"'{category.Name}' can't be filed under itself."
                    : $"'{category.Name}' can't be filed under '{parent.Name}', which is inside it.")
                { Reason = Refusal.Of("category.cycle", ("slug", category.Slug), ("parentSlug", parent.Slug)) };
        var tracked = await db.Categories.FirstAsync(c => c.Id == category.Id, ct);
        tracked.ParentId = category.ParentId = parent?.Id;
        // The whole branch has a new path: every category in it is announced with its own.
        work.Raise(StaffCategoryTree.Branch(all, category).Select(c => StaffCategoryTree.Changed(all, c)));
        await work.FlushAsync(ct);
        return new CategoryChange(before, StaffCategoryTree.Node(all, category), false);
    }
}
