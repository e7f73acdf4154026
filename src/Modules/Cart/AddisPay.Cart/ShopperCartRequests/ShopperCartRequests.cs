using AddisPay.Cart.AddItem;
using AddisPay.Cart.Domain;
using AddisPay.Cart.ChangeQuantity;
using AddisPay.Cart.Contracts;
using AddisPay.Cart.CreateCart;
using AddisPay.Cart.GetCart;
using AddisPay.Cart.RemoveItem;
using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Cart.ShopperCartRequests;

/// <summary>
/// Cart's use cases as a shop front (another module) calls them: the very commands the API runs, so the rules are one.
/// </summary>
internal sealed class ShopperCartRequests(ISender sender) :
    ICommandHandler<StartCart, ShopperCart>,
    IQueryHandler<GetShopperCart, ShopperCart?>,
    ICommandHandler<GetOwnCart, ShopperCart>,
    ICommandHandler<AddToCart, ShopperCart>,
    ICommandHandler<ChangeCartQuantity, ShopperCart>,
    ICommandHandler<RemoveFromCart, ShopperCart>
{
    public async ValueTask<ShopperCart> Handle(StartCart command, CancellationToken ct) =>
        ToShopper(await sender.Send(new CreateCartCommand(), ct));

    public async ValueTask<ShopperCart?> Handle(GetShopperCart query, CancellationToken ct)
    {
        try
        {
            return ToShopper(await sender.Send(new GetCartQuery(query.CartId, query.UserId), ct));
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public async ValueTask<ShopperCart> Handle(GetOwnCart command, CancellationToken ct) =>
        ToShopper(await sender.Send(new GetMyCartCommand(command.UserId), ct));

    public async ValueTask<ShopperCart> Handle(AddToCart command, CancellationToken ct) =>
        ToShopper(await sender.Send(new AddItemCommand(command.CartId, command.UserId, command.ProductId, command.Quantity, command.Sku), ct));

    public async ValueTask<ShopperCart> Handle(ChangeCartQuantity command, CancellationToken ct) =>
        ToShopper(await sender.Send(new ChangeQuantityCommand(command.CartId, command.UserId, command.Sku, command.Quantity), ct));

    public async ValueTask<ShopperCart> Handle(RemoveFromCart command, CancellationToken ct) =>
        ToShopper(await sender.Send(new RemoveItemCommand(command.CartId, command.UserId, command.Sku), ct));

    private static ShopperCart ToShopper(CartView c) => new(c.Id,
        c.Lines.Select(l => new ShopperCartLine(l.ProductId, l.Sku, l.Name, l.NameAm, l.UnitPriceEtb, l.Quantity, l.LineTotalEtb, l.Available, l.Purchasable)).ToList(),
        c.Notices.Select(n => new ShopperCartNotice(n.ProductId, n.ProductName, n.OldPriceEtb, n.NewPriceEtb, n.Kind)).ToList(),
        c.SubtotalEtb, c.VatEtb, c.TotalEtb);
}
