using System.ComponentModel.DataAnnotations;
using AddisPay.Cart.Contracts;
using AddisPay.Products.Contracts;
using System.Security.Claims;
using JasperFx;

namespace AddisPay.Cart.AddItem;

/// <param name="Sku">The variant; the product's first (cheapest) variant when left out.</param>
public sealed record AddItemRequest(
    [property: Required] Guid? ProductId,
    [property: Range(1, 99, ErrorMessage = "Quantity must be between 1 and 99.")] int Quantity,
    [property: StringLength(64)] string? Sku = null);

internal sealed record AddItemCommand(Guid CartId, Guid? UserId, Guid ProductId, int Quantity, string? Sku = null) : ICommand<CartView>;

/// <summary>
/// Prices the line from Products' current offer, through Products' Contracts: in-process when
/// Products runs here, over HTTP to the products pods when it doesn't. The cart and its CartItemAdded
/// event commit in one transaction, so Recommendations never learns of an addition that did not happen; a cart the
/// platform changed meanwhile is read again (CartAccess).
/// </summary>
internal sealed class AddItemHandler(DocumentWork<ICartStore> work, ISender sender, CartExpiry expiry) : ICommandHandler<AddItemCommand, CartView>
{
    public async ValueTask<CartView> Handle(AddItemCommand command, CancellationToken ct)
    {
        var offer = await sender.Send(new GetProductOffer(command.ProductId, command.Sku), ct)
            ?? throw new NotFoundException(command.Sku is null ? $"Product {command.ProductId} does not exist." : $"Product {command.ProductId} has no SKU {command.Sku}.");
        if (!offer.Purchasable)
            throw new ConflictException($"{offer.Name} ({offer.Sku}) is not available.")
            {
                Reason = Refusal.Of("cart.not-available", ("product", offer.Name), ("productAm", offer.NameAm))
            };

        var cart = await work.ChangeForCustomerAsync(command.CartId, command.UserId, expiry, cart =>
        {
            var inCart = cart.Lines.FirstOrDefault(l => l.ProductId == offer.ProductId && l.Sku == offer.Sku)?.Quantity ?? 0;
            if (inCart + command.Quantity > offer.Available)
                throw new ConflictException($"Only {offer.Available} of {offer.Name} available; the cart already holds {inCart}.")
                {
                    Reason = Refusal.Of("cart.only-available", ("product", offer.Name), ("productAm", offer.NameAm), ("available", offer.Available), ("inCart", inCart))
                };
            cart.Add(offer.ProductId, offer.Sku, offer.Name, offer.NameAm, offer.PriceEtb, command.Quantity, offer.Available);
            work.Raise(new CartItemAdded(cart.Id, command.UserId, offer.ProductId, offer.Sku, command.Quantity));
            return ValueTask.CompletedTask;
        }, ct);
        return CartView.From(cart);
    }
}

internal static class AddItemEndpoint
{
    public static void MapAddItem(this IEndpointRouteBuilder api) =>
        api.MapPost("/{cartId:guid}/items", async (Guid cartId, AddItemRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new AddItemCommand(cartId, user.UserId(), request.ProductId!.Value, request.Quantity, request.Sku), ct)))
            .Validate<AddItemRequest>()
            .AllowAnonymous()
            .WithName("AddItem")
            .WithSummary("Adds a product to the cart at its current price.")
            .Produces<CartView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
