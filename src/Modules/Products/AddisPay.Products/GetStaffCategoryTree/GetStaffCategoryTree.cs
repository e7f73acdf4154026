namespace AddisPay.Products.GetStaffCategoryTree;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>The category tree as a back office works it: each category with its parent, its products and its subcategories.</summary>
internal sealed class GetStaffCategoryTreeHandler(ProductsDbContext db) : IQueryHandler<GetStaffCategoryTree, IReadOnlyList<StaffCategory>>
{
    public async ValueTask<IReadOnlyList<StaffCategory>> Handle(GetStaffCategoryTree query, CancellationToken ct) => StaffCategoryTree.Tree(await StaffCategoryTree.LoadAsync(db, ct));
}
