using AddisPay.Products.GetCategoryTree;

namespace AddisPay.Products.GetCategoryTreeForShops;

// Inside the namespace, so the Contracts request is found before the API's use case of the same name.
using AddisPay.Products.Contracts;

/// <summary>The category tree for another module's navigation (the storefront's menu).</summary>
internal sealed class GetCategoryTreeForShopsHandler(ISender sender) : IQueryHandler<GetCategoryTree, IReadOnlyList<CategoryEntry>>
{
    public async ValueTask<IReadOnlyList<CategoryEntry>> Handle(GetCategoryTree query, CancellationToken ct) =>
        Entries(await sender.Send(new GetCategoryTreeQuery(), ct));

    private static List<CategoryEntry> Entries(IReadOnlyList<CategoryNode> nodes) =>
        nodes.Select(n => new CategoryEntry(n.Slug, n.Name, n.NameAm, Entries(n.Children))).ToList();
}
