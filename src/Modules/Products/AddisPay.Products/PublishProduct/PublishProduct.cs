using AddisPay.Products.Contracts;

namespace AddisPay.Products.PublishProduct;

internal sealed record PublishProductCommand(Guid Id, bool Publish) : ICommand<ProductView>;

/// <summary>Publishing makes a draft visible and sellable; archiving takes it off sale for good. Repeating either changes nothing.</summary>
internal sealed class PublishProductHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock) : ICommandHandler<PublishProductCommand, ProductView>
{
    public async ValueTask<ProductView> Handle(PublishProductCommand command, CancellationToken ct)
    {
        var product = await db.Products.Include(p => p.Variants).Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == command.Id, ct)
            ?? throw new NotFoundException($"Product {command.Id} does not exist.");
        var now = clock.GetUtcNow();
        IntegrationEvent? e = command.Publish
            ? product.Status == ProductStatus.Published ? null : product.Publish(now, await CategoryPaths.OfAsync(db, product.CategoryId, ct))
            : product.Status == ProductStatus.Archived ? null : product.Archive(now);
        if (e is not null) work.Raise(e);
        return ProductView.From(product);
    }
}

internal static class PublishProductEndpoints
{
    public static void MapPublishProduct(this IEndpointRouteBuilder api)
    {
        api.MapPost("/{id:guid}/publish", async (Guid id, ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new PublishProductCommand(id, true), ct)))
            .RequireAuthorization(Policies.Admin).WithName("PublishProduct").WithSummary("Puts a draft on sale (admin).")
            .Produces<ProductView>().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/archive", async (Guid id, ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new PublishProductCommand(id, false), ct)))
            .RequireAuthorization(Policies.Admin).WithName("ArchiveProduct").WithSummary("Takes a product off sale (admin).")
            .Produces<ProductView>();
    }
}
