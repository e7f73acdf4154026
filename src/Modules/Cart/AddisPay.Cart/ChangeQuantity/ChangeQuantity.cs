using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Products.Contracts;

namespace AddisPay.Cart.ChangeQuantity;

/// <param name="Quantity">The line's new quantity; 0 removes the line. Required, so an empty body never empties a line.</param>
public sealed record ChangeQuantityRequest(
    [property: Required(ErrorMessage = "Quantity is required.")]
    [property: Range(0, 99, ErrorMessage = "Quantity must be between 0 and 99.")] int? Quantity);

internal sealed record ChangeQuantityCommand(Guid CartId, Guid? UserId, string Sku, int Quantity) : ICommand<CartView>;

/// <summary>
/// Checks the new quantity against Products' current stock, as adding does. Lowering a line that stock can
/// no longer cover is allowed as long as the new quantity fits, so a customer can act on a low-stock notice.
/// </summary>
internal sealed class ChangeQuantityHandler(DocumentWork<ICartStore> work, CartExpiry expiry, ISender sender) : ICommandHandler<ChangeQuantityCommand, CartView>
{
    public async ValueTask<CartView> Handle(ChangeQuantityCommand command, CancellationToken ct)
    {
        var cart = await work.ChangeForCustomerAsync(command.CartId, command.UserId, expiry, async cart =>
        {
            var line = cart.LineOrNotFound(command.Sku);
            if (command.Quantity == 0)
            {
                cart.Remove(line);
                return;
            }
            var offer = await sender.Send(new GetProductOffer(line.ProductId, line.Sku), ct);
            if (offer is null || !offer.Purchasable)
                throw new ConflictException($"{line.Name} ({line.Sku}) is not available.")
                {
                    Reason = Refusal.Of("cart.not-available", ("product", line.Name), ("productAm", line.NameAm))
                };
            if (command.Quantity > offer.Available)
                throw new ConflictException($"Only {offer.Available} of {offer.Name} available.")
                {
                    Reason = Refusal.Of("cart.only-available", ("product", offer.Name), ("productAm", offer.NameAm), ("available", offer.Available), ("inCart", line.Quantity))
                };
            cart.SetQuantity(line, command.Quantity, offer.Available);
        }, ct);
        return CartView.From(cart);
    }
}

internal static class ChangeQuantityEndpoint
{
    public static void MapChangeQuantity(this IEndpointRouteBuilder api) =>
        api.MapPut("/{cartId:guid}/items/{sku}", async (Guid cartId, string sku, ChangeQuantityRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ChangeQuantityCommand(cartId, user.UserId(), sku, request.Quantity!.Value), ct)))
            .Validate<ChangeQuantityRequest>()
            .AllowAnonymous() // the holder of an anonymous cart's id; an owned cart answers only to its owner
            .WithName("ChangeQuantity")
            .WithSummary("Sets a line's quantity (0 removes it), checked against current stock.")
            .Produces<CartView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
