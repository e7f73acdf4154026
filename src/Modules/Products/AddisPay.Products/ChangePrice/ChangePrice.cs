using System.ComponentModel.DataAnnotations;
using AddisPay.Market;
using AddisPay.Products.Contracts;

namespace AddisPay.Products.ChangePrice;

/// <param name="Sku">The variant to reprice; may be left out for a single-variant product.</param>
public sealed record ChangePriceRequest(
    [property: EtbPrice] decimal PriceEtb,
    string? Sku = null);

internal sealed record ChangePriceCommand(Guid ProductId, decimal PriceEtb, string? Sku) : ICommand<ProductView>;

/// <summary>Setting a price is naturally idempotent: the same price again publishes nothing.</summary>
internal sealed class ChangePriceHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work) : ICommandHandler<ChangePriceCommand, ProductView>
{
    public async ValueTask<ProductView> Handle(ChangePriceCommand command, CancellationToken ct)
    {
        var product = await db.Products.Include(p => p.Variants).Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == command.ProductId, ct)
            ?? throw new NotFoundException($"Product {command.ProductId} does not exist.");
        var variant = command.Sku is null
            ? product.Variants.Count == 1 ? product.Variants[0] : throw new ValidationFailedException("sku", "This product has several variants; say which SKU to reprice.")
            : product.Variants.FirstOrDefault(v => v.Sku == command.Sku.ToUpperInvariant()) ?? throw new NotFoundException($"Product {command.ProductId} has no SKU {command.Sku}.");
        if (variant.PriceEtb == command.PriceEtb) return ProductView.From(product);

        var changed = new ProductPriceChanged(product.Id, variant.PriceEtb, command.PriceEtb, variant.Sku);
        variant.PriceEtb = command.PriceEtb;
        product.UpdatedAt = DateTimeOffset.UtcNow;
        work.Raise(changed);
        try
        {
            await work.FlushAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The product changed while its price was being set; read it again and retry.");
        }
        return ProductView.From(product);
    }
}

internal static class ChangePriceEndpoint
{
    public static void MapChangePrice(this IEndpointRouteBuilder api) =>
        api.MapPut("/{id:guid}/price", async (Guid id, ChangePriceRequest request, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ChangePriceCommand(id, request.PriceEtb, request.Sku), ct)))
            .Validate<ChangePriceRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("ChangePrice")
            .WithSummary("Sets a variant's unit price in ETB (admin); open carts are repriced.")
            .Produces<ProductView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
