using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Products.Contracts;

public sealed record StockLine(string Sku, int Quantity);

/// <summary>
/// Holds stock for a checkout: all lines or none (409 when any SKU lacks stock). Idempotent on
/// <paramref name="ReservationId"/>: repeating the same request returns the same reservation.
/// The hold expires at <see cref="Ttl"/> unless committed; a sweeper releases expired holds.
/// </summary>
public sealed record ReserveStock(Guid ReservationId, IReadOnlyList<StockLine> Lines, TimeSpan Ttl, string? Reference = null)
    : ICommand<Reservation>, IIdempotentCommand;

/// <summary>Turns the hold into a sale (on payment): stock on hand goes down by the reserved quantities.</summary>
public sealed record CommitReservation(Guid ReservationId) : ICommand<Reservation>, IIdempotentCommand;

/// <summary>Gives the held stock back (on cancellation or payment failure).</summary>
public sealed record ReleaseReservation(Guid ReservationId) : ICommand<Reservation>, IIdempotentCommand;

/// <summary>
/// Puts the units of a committed (sold) reservation back on the shelf: its order was cancelled before it shipped, so the
/// goods never left the warehouse. The stock ledger records each line with <paramref name="Note"/> (why). Idempotent on
/// <paramref name="ReservationId"/>: a repeated request returns the restocked reservation and moves nothing again.
/// </summary>
public sealed record RestockReservation(Guid ReservationId, string Note) : ICommand<Reservation>, IIdempotentCommand;

public enum ReservationStatus { Active, Committed, Released, Expired, Restocked }

public sealed record Reservation(Guid ReservationId, ReservationStatus Status, IReadOnlyList<StockLine> Lines, DateTimeOffset ExpiresAt, string? Reference);

/// <summary>
/// Puts some units of a committed (sold) reservation back on the shelf, the stock ledger recording each line with
/// <paramref name="Reason"/> (<see cref="CancelledBeforeShipping"/>: part of an order cancelled before it shipped;
/// <see cref="Returned"/>: sent back after delivery and sellable) and <paramref name="Note"/>; <see cref="WrittenOff"/>
/// records units sent back that can't be sold again, in the ledger without changing the stock. Never more units of a SKU than the sale took, counting earlier returns; a later
/// <see cref="RestockReservation"/> restocks only what was not returned. Idempotent on <paramref name="ReturnId"/>: a
/// repeated request moves nothing again.
/// </summary>
public sealed record ReturnSoldUnits(Guid ReturnId, Guid ReservationId, IReadOnlyList<StockLine> Lines, string Reason, string Note)
    : ICommand<Reservation>, IIdempotentCommand
{
    public const string CancelledBeforeShipping = "cancelled_before_shipping";
    public const string Returned = "returned";
    public const string WrittenOff = "written_off";
}

/// <summary>
/// How many SKUs of products on sale (published) have at most <see cref="Threshold"/> units available (out of stock
/// included): what a shop should restock soon.
/// </summary>
public sealed record CountLowStock : IQuery<int>
{
    public const int Threshold = 5;
}
