using Mediator;

namespace AddisPay.Cart.Contracts;

/// <summary>A cart's lines and totals, for the module that turns a cart into an order.</summary>
public sealed record GetCartSummary(Guid CartId) : IQuery<CartSummary?>;

/// <param name="OwnerId">The signed-in owner, null for a visitor's cart: an order may only be placed from one's own cart.</param>
public sealed record CartSummary(Guid CartId, IReadOnlyList<CartSummaryLine> Lines, decimal SubtotalEtb, decimal VatEtb, decimal TotalEtb,
    Guid? OwnerId = null);

/// <param name="Purchasable">Still sold and, as far as Cart last heard, enough in stock for the quantity.</param>
public sealed record CartSummaryLine(Guid ProductId, string Sku, int Quantity, decimal UnitPriceEtb, string Name = "", string NameAm = "",
    bool Purchasable = true);
