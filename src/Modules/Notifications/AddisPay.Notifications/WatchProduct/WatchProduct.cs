using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Products.Contracts;

namespace AddisPay.Notifications.WatchProduct;

public sealed record WatchProductRequest([property: Required] Guid? ProductId, [property: StringLength(64)] string? Sku);

/// <summary>Also sent by <c>WatchBackInStock</c>, the same watch asked for through Contracts.</summary>
internal sealed record WatchProductCommand(Guid UserId, Guid ProductId, string? Sku) : ICommand<WatchView>;

internal sealed class WatchProductHandler(NotificationsDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<WatchProductCommand, WatchView>
{
    public async ValueTask<WatchView> Handle(WatchProductCommand command, CancellationToken ct)
    {
        var offer = await sender.Send(new GetProductOffer(command.ProductId, command.Sku), ct)
            ?? throw new NotFoundException("Product not found.");
        var watch = await db.Watches.FirstOrDefaultAsync(w => w.UserId == command.UserId && w.ProductId == command.ProductId, ct);
        if (watch is null)
        {
            watch = new ProductWatch { UserId = command.UserId, ProductId = command.ProductId, CreatedAt = clock.GetUtcNow() };
            db.Watches.Add(watch);
        }
        watch.Sku = command.Sku is null ? null : offer.Sku;
        watch.ProductName = offer.Name;
        watch.ProductNameAm = offer.NameAm;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same customer asked twice at once: the other request's watch is the same watch.
        }
        return watch.ToView();
    }
}

internal static class WatchProductEndpoint
{
    public static void MapWatchProduct(this IEndpointRouteBuilder api) =>
        api.MapPost("/watches", async (WatchProductRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Created($"/api/notifications/watches/{request.ProductId}",
                    await sender.Send(new WatchProductCommand(user.UserId()!.Value, request.ProductId!.Value, string.IsNullOrWhiteSpace(request.Sku) ? null : request.Sku.Trim()), ct)))
            .Validate<WatchProductRequest>().RequireAuthorization(Policies.Customer).WithName("WatchProduct")
            .WithSummary("Tells the signed-in customer by email (and SMS) when the product, or one variant, is back in stock.")
            .Produces<WatchView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound);
}
