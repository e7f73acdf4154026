namespace AddisPay.Products.Domain;

public sealed record CategoryNode(Guid Id, string Slug, string Name, string NameAm, int SortOrder, IReadOnlyList<CategoryNode> Children);

internal static class CategoryTree
{
    public static IReadOnlyList<CategoryNode> Build(IReadOnlyList<Category> all, Guid? parent = null) => all
        .Where(c => c.ParentId == parent).OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
        .Select(c => new CategoryNode(c.Id, c.Slug, c.Name, c.NameAm, c.SortOrder, Build(all, c.Id))).ToList();

    /// <summary>The category and every category below it, so browsing "Coffee" also shows "Coffee › Beans".</summary>
    public static async Task<List<Guid>> SelfAndDescendantsAsync(ProductsDbContext db, string slug, CancellationToken ct)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Slug }).ToListAsync(ct);
        var root = all.FirstOrDefault(c => c.Slug == slug);
        if (root is null) return [];
        var result = new List<Guid> { root.Id };
        for (var i = 0; i < result.Count; i++) result.AddRange(all.Where(c => c.ParentId == result[i]).Select(c => c.Id));
        return result;
    }
}
