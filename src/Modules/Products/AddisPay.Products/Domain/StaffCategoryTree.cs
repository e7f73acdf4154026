using AddisPay.Products.Contracts;

namespace AddisPay.Products.Domain;

/// <summary>
/// The category tree as a back office works it (read, create, rename, move, remove), with each category's product count;
/// every change is retry-safe by its nature (a second identical request finds it done and says replayed).
/// </summary>
internal static class StaffCategoryTree
{
    public sealed record Loaded(List<Category> Categories, Dictionary<Guid, int> Products);

    public static async Task<Loaded> LoadAsync(ProductsDbContext db, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().ToListAsync(ct);
        var counts = await db.Products.AsNoTracking().Where(p => p.CategoryId != null).GroupBy(p => p.CategoryId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new Loaded(categories, counts);
    }

    public static CategoryChanged Changed(Loaded all, Category category)
    {
        var chain = new List<Category>();
        for (var at = category; at is not null && chain.Count < 20; at = all.Categories.FirstOrDefault(c => c.Id == at.ParentId)) chain.Insert(0, at);
        return new CategoryChanged(category.Id, category.Slug,
            new CategoryPath(chain.Select(c => c.Slug).ToList(), chain.Select(c => c.Name).ToList(), chain.Select(c => c.NameAm).ToList()));
    }

    public static IEnumerable<Category> Branch(Loaded all, Category root) =>
        all.Categories.Where(c => c.ParentId == root.Id).SelectMany(c => Branch(all, c)).Prepend(root);

    public static Category Find(Loaded all, string? slug) =>
        all.Categories.FirstOrDefault(c => c.Slug == (slug ?? "").Trim()) ?? throw new NotFoundException($"There is no category '{slug}'.");

    public static List<StaffCategory> Tree(Loaded all, Guid? parent = null) => all.Categories
        .Where(c => c.ParentId == parent).OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.Ordinal)
        .Select(c => Node(all, c)).ToList();

    public static StaffCategory Node(Loaded all, Category c) =>
        new(c.Id, c.Slug, c.Name, c.NameAm, all.Categories.FirstOrDefault(p => p.Id == c.ParentId)?.Slug, c.SortOrder,
            all.Products.GetValueOrDefault(c.Id), Tree(all, c.Id));
}
