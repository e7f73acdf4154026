using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Products.Contracts;

namespace AddisPay.Notifications.Watches;

public sealed record WatchProductRequest([property: Required] Guid? ProductId, [property: StringLength(64)] string? Sku);

internal sealed record WatchProduct(Guid UserId, Guid ProductId, string? Sku) : ICommand<WatchView>;
internal sealed record StopWatching(Guid UserId, Guid ProductId) : ICommand<bool>;
internal sealed record ListWatches(Guid UserId) : IQuery<IReadOnlyList<WatchView>>;

internal sealed class WatchProductHandler(NotificationsDbContext db, ISender sender, TimeProvider clock) : ICommandHandler<WatchProduct, WatchView>
{
    public async ValueTask<WatchView> Handle(WatchProduct command, CancellationToken ct)
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
        return View(watch);
    }

    internal static WatchView View(ProductWatch w) => new(w.ProductId, w.Sku, w.ProductName, w.ProductNameAm, w.CreatedAt);
}

internal sealed class StopWatchingHandler(NotificationsDbContext db) : ICommandHandler<StopWatching, bool>
{
    public async ValueTask<bool> Handle(StopWatching command, CancellationToken ct) =>
        await db.Watches.Where(w => w.UserId == command.UserId && w.ProductId == command.ProductId).ExecuteDeleteAsync(ct) > 0;
}

internal sealed class ListWatchesHandler(NotificationsDbContext db) : IQueryHandler<ListWatches, IReadOnlyList<WatchView>>
{
    public async ValueTask<IReadOnlyList<WatchView>> Handle(ListWatches query, CancellationToken ct) =>
        (await db.Watches.AsNoTracking().Where(w => w.UserId == query.UserId).OrderByDescending(w => w.CreatedAt).ToListAsync(ct))
        .Select(WatchProductHandler.View).ToList();
}

internal static class WatchEndpoints
{
    public static void MapWatches(this IEndpointRouteBuilder api)
    {
        api.MapPost("/watches", async (WatchProductRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Created($"/api/notifications/watches/{request.ProductId}",
                    await sender.Send(new WatchProduct(user.UserId()!.Value, request.ProductId!.Value, string.IsNullOrWhiteSpace(request.Sku) ? null : request.Sku.Trim()), ct)))
            .Validate<WatchProductRequest>().RequireAuthorization(Policies.Customer).WithName("WatchProduct")
            .WithSummary("Tells the signed-in customer by email (and SMS) when the product, or one variant, is back in stock.")
            .Produces<WatchView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/watches", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ListWatches(user.UserId()!.Value), ct)))
            .RequireAuthorization(Policies.Customer).WithName("ListWatches").WithSummary("The products the signed-in customer is waiting for.")
            .Produces<IReadOnlyList<WatchView>>();

        api.MapDelete("/watches/{productId:guid}", async (Guid productId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                await sender.Send(new StopWatching(user.UserId()!.Value, productId), ct) ? Results.NoContent()
                    : throw new NotFoundException("You are not watching this product."))
            .RequireAuthorization(Policies.Customer).WithName("StopWatching").WithSummary("Stops waiting for a product.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>A watch asked for by another module (the storefront's product page) for a signed-in customer.</summary>
internal sealed class WatchBackInStockHandler(ISender sender) : ICommandHandler<Contracts.WatchBackInStock, Contracts.BackInStockWatch>
{
    public async ValueTask<Contracts.BackInStockWatch> Handle(Contracts.WatchBackInStock command, CancellationToken ct)
    {
        var sku = string.IsNullOrWhiteSpace(command.Sku) ? null : command.Sku.Trim();
        if (sku is { Length: > 64 }) throw new ValidationFailedException("sku", "A SKU is at most 64 characters.");
        var watch = await sender.Send(new WatchProduct(command.UserId, command.ProductId, sku), ct);
        return new Contracts.BackInStockWatch(watch.ProductId, watch.Sku);
    }
}
