using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Products.Contracts;

/// <summary>
/// Stock per SKU for a shop's staff, a page at a time (page from 1), by SKU order: <paramref name="Search"/> matches part of
/// a SKU or of the product's English or Amharic name (any case); <paramref name="LowOnly"/> keeps what
/// <see cref="CountLowStock"/> counts (published products' SKUs with at most <see cref="CountLowStock.Threshold"/> available),
/// fewest available first.
/// </summary>
public sealed record SearchStock(string? Search, bool LowOnly, int Page, int PageSize) : IQuery<StockPage>;

public sealed record StockPage(IReadOnlyList<StockLevel> Items, int Page, int PageSize, int Total);

/// <param name="ProductStatus">draft, published or archived.</param>
/// <param name="Available">On hand minus reserved: what customers can buy now.</param>
public sealed record StockLevel(string Sku, Guid ProductId, string ProductName, string ProductNameAm, IReadOnlyDictionary<string, string> Options,
    string ProductStatus, int OnHand, int Reserved, int Available);

/// <summary>One SKU's stock and its movements (the stock ledger), newest first, a page at a time; null for an unknown SKU.</summary>
public sealed record GetStockHistory(string Sku, int Page, int PageSize) : IQuery<StockHistory?>;

public sealed record StockHistory(StockLevel Stock, IReadOnlyList<StockMovementEntry> Movements, int Page, int PageSize, int Total);

/// <param name="Reason">Why it moved: a staff adjustment's reason (<see cref="StockAdjustmentReasons"/>), or reserved, sale,
/// released, expired, initial_stock, returned, cancelled_before_shipping, ...</param>
/// <param name="Actor">Who: a staff member's user id, or the checkout (order reference) that held or sold the units.</param>
public sealed record StockMovementEntry(long Id, int OnHandDelta, int ReservedDelta, string Reason, string? Note, string Actor, DateTimeOffset At);

/// <summary>Why a staff member changes stock by hand, as the stock ledger records it.</summary>
public static class StockAdjustmentReasons
{
    /// <summary>Goods received from a supplier.</summary>
    public const string Restock = "restock";
    public const string CountCorrection = "count_correction";
    public const string Damaged = "damaged";
    public const string Returned = "returned";
    public const string Lost = "lost";

    public static readonly IReadOnlyList<string> All = [Restock, CountCorrection, Damaged, Returned, Lost];
}

/// <summary>
/// A staff member changes a SKU's stock on hand by <paramref name="Delta"/>, or sets it to <paramref name="CountedOnHand"/>
/// (what a count found; the ledger records the difference) — one of the two — with a reason of
/// <see cref="StockAdjustmentReasons"/>. Never below zero nor below what checkouts hold (409). Idempotent on
/// <paramref name="IdempotencyKey"/> (one per form shown, up to 100 characters) for <paramref name="StaffId"/>: the same key
/// again changes nothing and answers with the stock as it is, marked replayed; the same key for another SKU is refused (422).
/// </summary>
public sealed record AdjustStockLevel(string Sku, int? Delta, int? CountedOnHand, string Reason, string? Note, Guid StaffId, string IdempotencyKey)
    : ICommand<StockAdjusted>, IIdempotentCommand;

/// <param name="Before">The stock just before this adjustment (on a replay: as it is now, like <paramref name="After"/>).</param>
public sealed record StockAdjusted(StockLevel Before, StockLevel After, bool Replayed);
