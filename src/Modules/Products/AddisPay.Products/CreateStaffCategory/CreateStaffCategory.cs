using AddisPay.Products.CreateCategory;
using Npgsql;

namespace AddisPay.Products.CreateStaffCategory;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>
/// A category made from the back office with the API's own rules (<see cref="CreateCategoryRequest"/>); a second identical
/// request finds it made and says replayed, so a double submit of the form creates it once.
/// </summary>
internal sealed class CreateStaffCategoryHandler(ProductsDbContext db) : ICommandHandler<CreateStaffCategory, CategoryChange>
{
    public async ValueTask<CategoryChange> Handle(CreateStaffCategory command, CancellationToken ct)
    {
        var request = new CreateCategoryRequest(command.Slug?.Trim() ?? "", command.Name?.Trim() ?? "", command.NameAm?.Trim() ?? "",
            string.IsNullOrWhiteSpace(command.ParentSlug) ? null : command.ParentSlug.Trim(), command.SortOrder);
        if (Validation.Errors(request) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var all = await StaffCategoryTree.LoadAsync(db, ct);
        var parent = request.ParentSlug is null ? null
            : all.Categories.FirstOrDefault(c => c.Slug == request.ParentSlug)
              ?? throw new ValidationFailedException("parentSlug", $"There is no category '{request.ParentSlug}'.");
        if (all.Categories.FirstOrDefault(c => c.Slug == request.Slug) is { } existing)
        {
            if (existing.Name == request.Name && existing.NameAm == request.NameAm && existing.ParentId == parent?.Id)
                return new CategoryChange(null, StaffCategoryTree.Node(all, existing), true);
            throw new ConflictException($"The slug '{request.Slug}' is taken by the category '{existing.Name}'; choose another.")
            { Reason = Refusal.Of("category.slug-taken", ("slug", request.Slug)) };
        }
        var category = new Category
        {
            Id = Guid.CreateVersion7(), Slug = request.Slug, Name = request.Name, NameAm = request.NameAm, ParentId = parent?.Id, SortOrder = request.SortOrder
        };
        db.Categories.Add(category);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same form twice at once: the other request created it.
            db.ChangeTracker.Clear();
            var again = await StaffCategoryTree.LoadAsync(db, ct);
            var made = again.Categories.First(c => c.Slug == request.Slug);
            return new CategoryChange(null, StaffCategoryTree.Node(again, made), true);
        }
        all.Categories.Add(category);
        return new CategoryChange(null, StaffCategoryTree.Node(all, category), false);
    }
}
