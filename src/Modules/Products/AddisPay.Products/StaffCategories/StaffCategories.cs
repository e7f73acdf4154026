using System.ComponentModel.DataAnnotations;
using AddisPay.Products.Domain;
using AddisPay.Products.Categories;
using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.Products.StaffCategories;

/// <summary>
/// The category tree as a back office works it: create (with the API's own rules, <see cref="CreateCategoryRequest"/>), rename,
/// move without cycles and remove only when empty. Every change is retry-safe by its nature (a second identical request finds
/// it done and says replayed), so a double submit of a form changes the tree once.
/// </summary>
internal sealed class StaffCategoryRequests(ProductsDbContext db, ModuleWork<ProductsDbContext> work) :
    IQueryHandler<GetStaffCategoryTree, IReadOnlyList<StaffCategory>>,
    ICommandHandler<CreateStaffCategory, CategoryChange>,
    ICommandHandler<RenameStaffCategory, CategoryChange>,
    ICommandHandler<MoveStaffCategory, CategoryChange>,
    ICommandHandler<RemoveStaffCategory, CategoryChange>
{
    public async ValueTask<IReadOnlyList<StaffCategory>> Handle(GetStaffCategoryTree query, CancellationToken ct) => Tree(await LoadAsync(ct));

    public async ValueTask<CategoryChange> Handle(CreateStaffCategory command, CancellationToken ct)
    {
        var request = new CreateCategoryRequest(command.Slug?.Trim() ?? "", command.Name?.Trim() ?? "", command.NameAm?.Trim() ?? "",
            string.IsNullOrWhiteSpace(command.ParentSlug) ? null : command.ParentSlug.Trim(), command.SortOrder);
        if (Validation.Errors(request) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var all = await LoadAsync(ct);
        var parent = request.ParentSlug is null ? null
            : all.Categories.FirstOrDefault(c => c.Slug == request.ParentSlug)
              ?? throw new ValidationFailedException("parentSlug", $"There is no category '{request.ParentSlug}'.");
        if (all.Categories.FirstOrDefault(c => c.Slug == request.Slug) is { } existing)
        {
            if (existing.Name == request.Name && existing.NameAm == request.NameAm && existing.ParentId == parent?.Id)
                return new CategoryChange(null, Node(all, existing), true);
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
            var again = await LoadAsync(ct);
            var made = again.Categories.First(c => c.Slug == request.Slug);
            return new CategoryChange(null, Node(again, made), true);
        }
        all.Categories.Add(category);
        return new CategoryChange(null, Node(all, category), false);
    }

    public async ValueTask<CategoryChange> Handle(RenameStaffCategory command, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = command.Name?.Trim() ?? "";
        var nameAm = command.NameAm?.Trim() ?? "";
        if (name.Length is < 2 or > 100) errors["name"] = ["An English name has 2 to 100 characters."];
        if (nameAm.Length is < 2 or > 100) errors["nameAm"] = ["An Amharic name has 2 to 100 characters."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var all = await LoadAsync(ct);
        var category = Find(all, command.Slug);
        var before = Node(all, category);
        if (category.Name == name && category.NameAm == nameAm) return new CategoryChange(before, before, true);
        var tracked = await db.Categories.FirstAsync(c => c.Id == category.Id, ct);
        tracked.Name = category.Name = name;
        tracked.NameAm = category.NameAm = nameAm;
        // Search keeps the category's names with each product filed under it: told in the same transaction as the rename.
        work.Raise(Changed(all, category));
        await work.FlushAsync(ct);
        return new CategoryChange(before, Node(all, category), false);
    }

    public async ValueTask<CategoryChange> Handle(MoveStaffCategory command, CancellationToken ct)
    {
        var all = await LoadAsync(ct);
        var category = Find(all, command.Slug);
        var parent = string.IsNullOrWhiteSpace(command.NewParentSlug) ? null
            : all.Categories.FirstOrDefault(c => c.Slug == command.NewParentSlug.Trim())
              ?? throw new ValidationFailedException("newParentSlug", $"There is no category '{command.NewParentSlug.Trim()}'.");
        var before = Node(all, category);
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
        work.Raise(Branch(all, category).Select(c => Changed(all, c)));
        await work.FlushAsync(ct);
        return new CategoryChange(before, Node(all, category), false);
    }

    public async ValueTask<CategoryChange> Handle(RemoveStaffCategory command, CancellationToken ct)
    {
        var all = await LoadAsync(ct);
        var category = all.Categories.FirstOrDefault(c => c.Slug == (command.Slug ?? "").Trim());
        if (category is null) return new CategoryChange(null, null, true);
        var before = Node(all, category);
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

    private sealed record Loaded(List<Category> Categories, Dictionary<Guid, int> Products);

    private async Task<Loaded> LoadAsync(CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().ToListAsync(ct);
        var counts = await db.Products.AsNoTracking().Where(p => p.CategoryId != null).GroupBy(p => p.CategoryId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new Loaded(categories, counts);
    }

    private static CategoryChanged Changed(Loaded all, Category category)
    {
        var chain = new List<Category>();
        for (var at = category; at is not null && chain.Count < 20; at = all.Categories.FirstOrDefault(c => c.Id == at.ParentId)) chain.Insert(0, at);
        return new CategoryChanged(category.Id, category.Slug,
            new CategoryPath(chain.Select(c => c.Slug).ToList(), chain.Select(c => c.Name).ToList(), chain.Select(c => c.NameAm).ToList()));
    }

    private static IEnumerable<Category> Branch(Loaded all, Category root) =>
        all.Categories.Where(c => c.ParentId == root.Id).SelectMany(c => Branch(all, c)).Prepend(root);

    private static Category Find(Loaded all, string? slug) =>
        all.Categories.FirstOrDefault(c => c.Slug == (slug ?? "").Trim()) ?? throw new NotFoundException($"There is no category '{slug}'.");

    private static List<StaffCategory> Tree(Loaded all, Guid? parent = null) => all.Categories
        .Where(c => c.ParentId == parent).OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.Ordinal)
        .Select(c => Node(all, c)).ToList();

    private static StaffCategory Node(Loaded all, Category c) =>
        new(c.Id, c.Slug, c.Name, c.NameAm, all.Categories.FirstOrDefault(p => p.Id == c.ParentId)?.Slug, c.SortOrder,
            all.Products.GetValueOrDefault(c.Id), Tree(all, c.Id));
}
