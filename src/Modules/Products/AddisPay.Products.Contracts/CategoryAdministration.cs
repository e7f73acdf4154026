using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Products.Contracts;

/// <summary>The whole category tree for a shop's staff: roots first, each level in sort order, with how many products each holds.</summary>
public sealed record GetStaffCategoryTree : IQuery<IReadOnlyList<StaffCategory>>;

/// <param name="Products">Products filed directly under this category, in any status (drafts and archived ones too).</param>
public sealed record StaffCategory(Guid Id, string Slug, string Name, string NameAm, string? ParentSlug, int SortOrder, int Products,
    IReadOnlyList<StaffCategory> Children);

/// <summary>
/// A new category under <paramref name="ParentSlug"/> (or at the top). Retry-safe: the same slug with the same names and parent
/// again answers with the category, marked replayed; a slug taken otherwise is a 409.
/// </summary>
public sealed record CreateStaffCategory(string Slug, string Name, string NameAm, string? ParentSlug, int SortOrder) : ICommand<CategoryChange>, IIdempotentCommand;

/// <summary>New English and Amharic names for a category (its slug, the address, stays). Renaming to the same names is a replay.</summary>
public sealed record RenameStaffCategory(string Slug, string Name, string NameAm) : ICommand<CategoryChange>, IIdempotentCommand;

/// <summary>
/// Files a category (with everything below it) under <paramref name="NewParentSlug"/>, or at the top when null. A category
/// can't go under itself or one of its own descendants (409, reason <c>category.cycle</c>). Moving to where it is is a replay.
/// </summary>
public sealed record MoveStaffCategory(string Slug, string? NewParentSlug) : ICommand<CategoryChange>, IIdempotentCommand;

/// <summary>
/// Removes an empty category. One that still holds products (reason <c>category.has-products</c>) or categories
/// (<c>category.has-children</c>) is refused with 409: move or re-file them first, so no product silently loses its place.
/// Removing a category that is already gone is a replay (Before and After null).
/// </summary>
public sealed record RemoveStaffCategory(string Slug) : ICommand<CategoryChange>, IIdempotentCommand;

/// <param name="Before">The category before the change (null for a creation).</param>
/// <param name="After">After it (null for a removal).</param>
/// <param name="Replayed">Nothing changed now: the change was already made (a double submit, a retry).</param>
public sealed record CategoryChange(StaffCategory? Before, StaffCategory? After, bool Replayed);
