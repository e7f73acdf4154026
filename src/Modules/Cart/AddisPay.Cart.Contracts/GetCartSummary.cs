using Mediator;

namespace AddisPay.Cart.Contracts;

/// <summary>A cart's lines and totals, for the module that turns a cart into an order.</summary>
public sealed record GetCartSummary(Guid CartId) : IQuery<CartSummary?>;

public sealed record CartSummary(Guid CartId, IReadOnlyList<CartSummaryLine> Lines, decimal SubtotalEtb, decimal VatEtb, decimal TotalEtb);

public sealed record CartSummaryLine(Guid ProductId, string Sku, int Quantity, decimal UnitPriceEtb);
