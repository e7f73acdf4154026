using System.ComponentModel.DataAnnotations;

namespace AddisPay.Products.CreateCategory;

public sealed record CreateCategoryRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "Use lower-case letters, digits and single dashes."), StringLength(100)] string Slug,
    [property: Required, StringLength(100, MinimumLength = 2)] string Name,
    [property: Required, StringLength(100, MinimumLength = 2)] string NameAm,
    string? ParentSlug = null,
    [property: Range(0, 10_000)] int SortOrder = 0);

internal sealed record CreateCategoryCommand(CreateCategoryRequest Request) : ICommand<CategoryNode>;

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

internal static class CreateCategoryEndpoint
{
    public static void MapCreateCategory(this IEndpointRouteBuilder api) =>
        api.MapPost("/categories", async (CreateCategoryRequest request, ISender sender, CancellationToken ct) =>
            {
                var node = await sender.Send(new CreateCategoryCommand(request), ct);
                return Results.Created($"/api/products/categories#{node.Slug}", node);
            })
            .Validate<CreateCategoryRequest>().RequireAuthorization(Policies.Admin).WithName("CreateCategory")
            .WithSummary("Adds a category under a parent, or at the top (admin).")
            .Produces<CategoryNode>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
}
