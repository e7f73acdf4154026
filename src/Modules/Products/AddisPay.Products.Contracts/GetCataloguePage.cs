using Mediator;

namespace AddisPay.Products.Contracts;

/// <summary>
/// Published products in id order, a page at a time, as the events describe them: how a read model
/// (Search) rebuilds itself from scratch.
/// </summary>
public sealed record GetCataloguePage(Guid? After, int PageSize) : IQuery<IReadOnlyList<ProductPublished>>;
