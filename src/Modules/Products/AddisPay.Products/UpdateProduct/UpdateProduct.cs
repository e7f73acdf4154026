using System.ComponentModel.DataAnnotations;
using AddisPay.Products.Contracts;

namespace AddisPay.Products.UpdateProduct;

public sealed record UpdateProductRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    [property: Required, StringLength(200, MinimumLength = 2)] string NameAm,
    [property: StringLength(4000)] string? Description,
    [property: StringLength(4000)] string? DescriptionAm,
    [property: StringLength(100)] string? Brand,
    string? CategorySlug,
    List<string>? Images,
    Dictionary<string, string>? Attributes);

internal sealed record UpdateProductCommand(Guid Id, uint ExpectedVersion, UpdateProductRequest Request) : ICommand<(ProductView View, string ETag)>;

/// <summary>The resource changed since the client read it (its If-Match no longer matches).</summary>
public sealed class StaleWriteException() : BusinessRuleException("The product changed since you read it; read it again and reapply your change.")
{
    public override int StatusCode => 412;
}

/// <summary>If-Match is required on writes that replace a product, so no edit silently overwrites another.</summary>
public sealed class PreconditionRequiredException() : BusinessRuleException("Send the product's ETag in If-Match to change it.")
{
    public override int StatusCode => 428;
}

internal sealed class UpdateProductHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock) : ICommandHandler<UpdateProductCommand, (ProductView, string)>
{
    public async ValueTask<(ProductView, string)> Handle(UpdateProductCommand command, CancellationToken ct)
    {
        var product = await db.Products.Include(p => p.Variants).Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == command.Id, ct)
            ?? throw new NotFoundException($"Product {command.Id} does not exist.");
        if (product.Version != command.ExpectedVersion) throw new StaleWriteException();
        var r = command.Request;
        var category = r.CategorySlug is null ? null
            : await db.Categories.FirstOrDefaultAsync(c => c.Slug == r.CategorySlug, ct)
              ?? throw new ValidationFailedException("categorySlug", $"There is no category '{r.CategorySlug}'.");
        var images = r.Images ?? [];
        // A picture uploaded to this product (served by Products) stays when a client sends the list back.
        var badImage = images.FindIndex(i => ProductImages.UploadedHash(command.Id, i) is null
                                             && (!Uri.TryCreate(i, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")));
        if (badImage >= 0) throw new ValidationFailedException($"images[{badImage}]", "Use an absolute http(s) URL.");

        product.Name = r.Name.Trim();
        product.NameAm = r.NameAm.Trim();
        product.Description = r.Description?.Trim();
        product.DescriptionAm = r.DescriptionAm?.Trim();
        product.Brand = r.Brand?.Trim();
        product.Category = category;
        product.CategoryId = category?.Id;
        product.Images = images;
        product.Attributes = r.Attributes ?? new();
        product.UpdatedAt = clock.GetUtcNow();
        // The row version is checked again by the database, so a write racing this one still fails.
        db.Entry(product).Property(p => p.Version).OriginalValue = command.ExpectedVersion;
        IntegrationEvent[] changed = product.Status == ProductStatus.Published
            ? [new ProductUpdated(product.Id, product.Slug, product.Name, product.NameAm, product.Description, product.DescriptionAm, product.Brand,
                await CategoryPaths.OfAsync(db, product.CategoryId, ct), product.Images)]
            : [];
        work.Raise(changed);
        try
        {
            await work.FlushAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleWriteException();
        }
        return (ProductView.From(product), ProductView.ETagOf(product));
    }
}

internal static class UpdateProductEndpoint
{
    public static void MapUpdateProduct(this IEndpointRouteBuilder api) =>
        api.MapPut("/{id:guid}", async (Guid id, UpdateProductRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var ifMatch = http.Request.Headers.IfMatch.ToString();
                if (string.IsNullOrEmpty(ifMatch)) throw new PreconditionRequiredException();
                if (!ProductView.TryParseVersion(ifMatch, out var expected)) throw new StaleWriteException();
                var (view, etag) = await sender.Send(new UpdateProductCommand(id, expected, request), ct);
                http.Response.Headers.ETag = etag;
                return Results.Ok(view);
            })
            .Validate<UpdateProductRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("UpdateProduct")
            .WithSummary("Replaces a product's descriptive data (admin). Requires If-Match with the ETag from GET; 412 when stale.")
            .Produces<ProductView>()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
