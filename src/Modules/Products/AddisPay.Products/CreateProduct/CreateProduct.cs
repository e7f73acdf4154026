using System.ComponentModel.DataAnnotations;
using AddisPay.Products.Catalogue;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.Products.CreateProduct;

public sealed record CreateProductRequest(
    [property: Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{1,63}$", ErrorMessage = "Use 2-64 letters, digits or dashes.")] string Sku,
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    [property: Required, StringLength(200, MinimumLength = 2)] string NameAm,
    [property: StringLength(4000)] string? Description,
    [property: Range(typeof(decimal), "0.01", "10000000", ErrorMessage = "The price must be between 0.01 and 10,000,000 ETB."), Ethiopian.Santim] decimal PriceEtb,
    [property: Range(0, 1_000_000)] int Stock);

internal sealed record CreateProductCommand(CreateProductRequest Request) : ICommand<ProductView>;

internal sealed class CreateProductHandler(ProductsDbContext db, EventLog events) : ICommandHandler<CreateProductCommand, ProductView>
{
    public async ValueTask<ProductView> Handle(CreateProductCommand command, CancellationToken ct)
    {
        var r = command.Request;
        var (product, created) = Product.Create(r.Sku, r.Name, r.NameAm, r.Description, r.PriceEtb, r.Stock);
        if (await db.Products.AnyAsync(p => p.Sku == product.Sku, ct))
            throw new ConflictException($"A product with SKU '{product.Sku}' already exists.");
        db.Products.Add(product);
        try
        {
            await events.SaveChangesAndPublishAsync(db, [created], ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException($"A product with SKU '{product.Sku}' already exists.");
        }
        return ProductView.From(product);
    }
}

internal static class CreateProductEndpoint
{
    public static void MapCreateProduct(this IEndpointRouteBuilder api) =>
        api.MapPost("/", async (CreateProductRequest request, ISender sender, CancellationToken ct) =>
            {
                var product = await sender.Send(new CreateProductCommand(request), ct);
                return Results.Created($"/api/products/{product.Id}", product);
            })
            .Validate<CreateProductRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateProduct")
            .WithSummary("Adds a product to the catalogue (admin).")
            .Produces<ProductView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
