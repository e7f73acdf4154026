using System.ComponentModel.DataAnnotations;
using AddisPay.Products.Domain;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Products.Categories;

public sealed record CategoryNode(Guid Id, string Slug, string Name, string NameAm, int SortOrder, IReadOnlyList<CategoryNode> Children);

public sealed record CreateCategoryRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "Use lower-case letters, digits and single dashes."), StringLength(100)] string Slug,
    [property: Required, StringLength(100, MinimumLength = 2)] string Name,
    [property: Required, StringLength(100, MinimumLength = 2)] string NameAm,
    string? ParentSlug = null,
    [property: Range(0, 10_000)] int SortOrder = 0);

internal sealed record GetCategoryTreeQuery : IQuery<IReadOnlyList<CategoryNode>>;
internal sealed record CreateCategoryCommand(CreateCategoryRequest Request) : ICommand<CategoryNode>;

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

internal sealed class GetCategoryTreeHandler(ProductsDbContext db) : IQueryHandler<GetCategoryTreeQuery, IReadOnlyList<CategoryNode>>
{
    public async ValueTask<IReadOnlyList<CategoryNode>> Handle(GetCategoryTreeQuery query, CancellationToken ct) =>
        CategoryTree.Build(await db.Categories.AsNoTracking().ToListAsync(ct));
}

internal sealed class CreateCategoryHandler(ProductsDbContext db) : ICommandHandler<CreateCategoryCommand, CategoryNode>
{
    public async ValueTask<CategoryNode> Handle(CreateCategoryCommand command, CancellationToken ct)
    {
        var r = command.Request;
        if (await db.Categories.AnyAsync(c => c.Slug == r.Slug, ct)) throw new ConflictException($"The category '{r.Slug}' exists.");
        var parent = r.ParentSlug is null ? null
            : await db.Categories.FirstOrDefaultAsync(c => c.Slug == r.ParentSlug, ct)
              ?? throw new ValidationFailedException("parentSlug", $"There is no category '{r.ParentSlug}'.");
        var category = new Category { Id = Guid.CreateVersion7(), Slug = r.Slug, Name = r.Name.Trim(), NameAm = r.NameAm.Trim(), ParentId = parent?.Id, SortOrder = r.SortOrder };
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        return new CategoryNode(category.Id, category.Slug, category.Name, category.NameAm, category.SortOrder, []);
    }
}

internal static class CategoryEndpoints
{
    public static void MapCategories(this IEndpointRouteBuilder api)
    {
        api.MapGet("/categories", async (ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new GetCategoryTreeQuery(), ct)))
            .AllowAnonymous().WithName("GetCategoryTree").WithSummary("The category tree, in English and Amharic.")
            .Produces<IReadOnlyList<CategoryNode>>();
        api.MapPost("/categories", async (CreateCategoryRequest request, ISender sender, CancellationToken ct) =>
            {
                var node = await sender.Send(new CreateCategoryCommand(request), ct);
                return Results.Created($"/api/products/categories#{node.Slug}", node);
            })
            .Validate<CreateCategoryRequest>().RequireAuthorization(Policies.Admin).WithName("CreateCategory")
            .WithSummary("Adds a category under a parent, or at the top (admin).")
            .Produces<CategoryNode>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
