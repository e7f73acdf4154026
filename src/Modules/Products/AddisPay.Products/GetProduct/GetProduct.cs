using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Products.GetProduct;

internal sealed record GetProductQuery(Guid Id) : IQuery<ProductView>;

internal sealed class GetProductHandler(ProductsDbContext db) : IQueryHandler<GetProductQuery, ProductView>
{
    public async ValueTask<ProductView> Handle(GetProductQuery q, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == q.Id, ct)
            ?? throw new NotFoundException($"Product {q.Id} does not exist.");
        return ProductView.From(product);
    }
}

internal static class GetProductEndpoint
{
    public static void MapGetProduct(this IEndpointRouteBuilder api) =>
        api.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new GetProductQuery(id), ct)))
            .AllowAnonymous()
            .WithName("GetProduct")
            .WithSummary("A product with its price in ETB and available stock.")
            .Produces<ProductView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
