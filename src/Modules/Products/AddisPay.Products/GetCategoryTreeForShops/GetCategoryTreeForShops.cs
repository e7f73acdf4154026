using AddisPay.Products.Contracts;
using Mediator;
using AddisPay.Products.Categories;

namespace AddisPay.Products.GetCategoryTreeForShops;

/// <summary>The category tree for another module's navigation (the storefront's menu).</summary>
internal sealed class GetCategoryTreeForShopsHandler(ISender sender) : IQueryHandler<GetCategoryTree, IReadOnlyList<CategoryEntry>>
{
    public async ValueTask<IReadOnlyList<CategoryEntry>> Handle(GetCategoryTree query, CancellationToken ct) =>
        Entries(await sender.Send(new GetCategoryTreeQuery(), ct));

    private static List<CategoryEntry> Entries(IReadOnlyList<CategoryNode> nodes) =>
        nodes.Select(n => new CategoryEntry(n.Slug, n.Name, n.NameAm, Entries(n.Children))).ToList();
}
