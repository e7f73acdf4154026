using AddisPay.Products.Contracts;

namespace AddisPay.Products.Domain;

internal static class CategoryPaths
{
    public static async Task<Dictionary<Guid, CategoryPath>> AllAsync(ProductsDbContext db, CancellationToken ct)
    {
        var all = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        return all.Keys.ToDictionary(id => id, id =>
        {
            var chain = new List<Category>();
            for (Guid? at = id; at is { } current && all.TryGetValue(current, out var c) && chain.Count < 20; at = c.ParentId) chain.Insert(0, c);
            return new CategoryPath(chain.Select(c => c.Slug).ToList(), chain.Select(c => c.Name).ToList(), chain.Select(c => c.NameAm).ToList());
        });
    }

    public static async Task<CategoryPath?> OfAsync(ProductsDbContext db, Guid? categoryId, CancellationToken ct) =>
        categoryId is { } id && (await AllAsync(db, ct)).TryGetValue(id, out var path) ? path : null;

    public static ProductPublished Published(Product p, CategoryPath? path) =>
        new(p.Id, p.Slug, p.Name, p.NameAm, p.Description, p.DescriptionAm, p.Brand, path, p.Images,
            p.Variants.Select(v => v.ToContract()).ToList(), p.PublishedAt ?? p.UpdatedAt);
}
