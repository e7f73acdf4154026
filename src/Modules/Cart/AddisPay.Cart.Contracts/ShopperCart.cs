using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Cart.Contracts;

// A shop front's use of carts, with the same rules as Cart's own API: a visitor's cart answers to whoever holds its id
// (UserId null), an owned cart only to its owner; an expired cart does not exist.

/// <summary>Starts an empty visitor cart.</summary>
public sealed record StartCart : ICommand<ShopperCart>;

/// <summary>The cart as a shopper sees it; null when it does not exist (or expired, or belongs to someone else).</summary>
public sealed record GetShopperCart(Guid CartId, Guid? UserId) : IQuery<ShopperCart?>;

/// <summary>
/// The signed-in shopper's own cart, started empty the first time (a visitor's cart joins it at sign-in, a moment
/// after, from the sign-in event).
/// </summary>
public sealed record GetOwnCart(Guid UserId) : ICommand<ShopperCart>, IIdempotentCommand;

/// <summary>Adds a product (its cheapest variant without a SKU) at its current price, checked against stock.</summary>
public sealed record AddToCart(Guid CartId, Guid? UserId, Guid ProductId, int Quantity, string? Sku = null) : ICommand<ShopperCart>;

/// <summary>Sets a line's quantity (0 removes it), checked against stock.</summary>
public sealed record ChangeCartQuantity(Guid CartId, Guid? UserId, string Sku, int Quantity) : ICommand<ShopperCart>, IIdempotentCommand;

public sealed record RemoveFromCart(Guid CartId, Guid? UserId, string Sku) : ICommand<ShopperCart>, IIdempotentCommand;

public sealed record ShopperCart(Guid CartId, IReadOnlyList<ShopperCartLine> Lines, IReadOnlyList<ShopperCartNotice> Notices,
    decimal SubtotalEtb, decimal VatEtb, decimal TotalEtb);

/// <param name="Purchasable">Still sold and enough in stock for the quantity.</param>
public sealed record ShopperCartLine(Guid ProductId, string Sku, string Name, string NameAm, decimal UnitPriceEtb, int Quantity,
    decimal LineTotalEtb, int Available, bool Purchasable);

/// <param name="Kind">price_changed, low_availability or discontinued.</param>
public sealed record ShopperCartNotice(Guid ProductId, string ProductName, decimal OldPriceEtb, decimal NewPriceEtb, string Kind);
