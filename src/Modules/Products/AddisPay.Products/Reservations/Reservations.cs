using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using AddisPay.Products.Domain;
using AddisPay.Products.ReturnSoldUnitsHandler;

namespace AddisPay.Products.Reservations;

/// <summary>Holds stock for a checkout, all lines or none; a retry with the same reservation id returns the first result.</summary>
internal sealed class ReserveStockHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, StockLedger ledger, TimeProvider clock)
    : ICommandHandler<ReserveStock, Reservation>
{
    public static readonly TimeSpan MaxTtl = TimeSpan.FromHours(2);

    public async ValueTask<Reservation> Handle(ReserveStock command, CancellationToken ct)
    {
        Validate(command);
        var lines = command.Lines.GroupBy(l => l.Sku.ToUpperInvariant())
            .Select(g => new ReservedLine { Sku = g.Key, Quantity = g.Sum(l => l.Quantity) })
            .OrderBy(l => l.Sku, StringComparer.Ordinal) // one lock order for every checkout: no deadlocks
            .ToList();

        // A retry is rare, so it is not looked for up front (a round trip on every checkout): the first request's row makes
        // the insert fail, and a hold that can no longer be met is checked against it before answering.
        var now = clock.GetUtcNow();
        await work.BeginAsync(ct);
        var reservation = new StockReservation
        {
            Id = command.ReservationId, Status = ReservationStatus.Active, Lines = lines, Reference = command.Reference,
            CreatedAt = now, ExpiresAt = now + command.Ttl
        };
        foreach (var line in lines)
        {
            var outcome = await ledger.ApplyAsync(line.Sku, 0, line.Quantity, "reserved", command.Reference ?? "checkout", reservation.Id, ct);
            if (outcome != StockLedger.Outcome.Applied &&
                await db.Reservations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == command.ReservationId, ct) is { } existing)
            {
                await work.AbandonAsync();
                return SameRequest(existing, lines);
            }
            if (outcome == StockLedger.Outcome.UnknownSku) throw new NotFoundException($"There is no SKU {line.Sku}.");
            if (outcome == StockLedger.Outcome.NotEnough)
            {
                var available = await db.Variants.Where(v => v.Sku == line.Sku).Select(v => v.OnHand - v.Reserved).FirstAsync(ct);
                throw new ConflictException($"Only {available} of {line.Sku} left; {line.Quantity} requested.");
            }
        }
        try
        {
            // The hold and its events in one round trip (once per checkout), sent now to see a retry's duplicate key.
            work.Defer(ReservationSql.Hold(reservation));
            await work.FlushAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.TableName == "reservations")
        {
            // The same reservation id arrived twice at once; the other request holds the stock.
            await work.AbandonAsync();
            return SameRequest(await db.Reservations.AsNoTracking().FirstAsync(r => r.Id == command.ReservationId, ct), lines);
        }
        return reservation.ToContract();
    }

    private static Reservation SameRequest(StockReservation existing, List<ReservedLine> lines)
    {
        var same = existing.Lines.Count == lines.Count && existing.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal)
            .Zip(lines).All(p => p.First.Sku == p.Second.Sku && p.First.Quantity == p.Second.Quantity);
        if (!same) throw new ConflictException($"Reservation {existing.Id} already exists with other lines.");
        return existing.ToContract();
    }

    private static void Validate(ReserveStock command)
    {
        var errors = new Dictionary<string, string[]>();
        if (command.ReservationId == Guid.Empty) errors["reservationId"] = ["A reservation id is required (it makes retries safe)."];
        if (command.Lines is null || command.Lines.Count == 0) errors["lines"] = ["At least one line is required."];
        else if (command.Lines.Count > 100) errors["lines"] = ["At most 100 lines."];
        else if (command.Lines.Any(l => l.Quantity is < 1 or > 1000 || string.IsNullOrWhiteSpace(l.Sku))) errors["lines"] = ["Each line needs a SKU and a quantity from 1 to 1000."];
        if (command.Ttl <= TimeSpan.Zero || command.Ttl > MaxTtl) errors["ttl"] = [$"The hold must last between 1 second and {MaxTtl.TotalMinutes} minutes."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }
}

/// <summary>
/// Settles a reservation: committed on payment (stock leaves), released on cancellation or expiry (stock returns), and a
/// committed one restocked when its order is cancelled before shipping (the sold units return to the shelf).
/// </summary>
internal sealed class SettleReservationHandler(ModuleWork<ProductsDbContext> work, StockLedger ledger, TimeProvider clock)
    : ICommandHandler<CommitReservation, Reservation>, ICommandHandler<ReleaseReservation, Reservation>, ICommandHandler<RestockReservation, Reservation>
{
    /// <summary>The ledger's reason for units of a cancelled order that never left the warehouse.</summary>
    public const string CancelledBeforeShipping = "cancelled_before_shipping";

    public ValueTask<Reservation> Handle(CommitReservation command, CancellationToken ct) => SettleAsync(command.ReservationId, ReservationStatus.Committed, ct);

    public ValueTask<Reservation> Handle(ReleaseReservation command, CancellationToken ct) => SettleAsync(command.ReservationId, ReservationStatus.Released, ct);

    public ValueTask<Reservation> Handle(RestockReservation command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.Note) || command.Note.Length > 500)
            throw new ValidationFailedException("note", "Say why the units come back (up to 500 characters).");
        return SettleAsync(command.ReservationId, ReservationStatus.Restocked, ct, command.Note.Trim());
    }

    public async ValueTask<Reservation> SettleAsync(Guid id, ReservationStatus target, CancellationToken ct, string? note = null)
    {
        // Only a sale can be restocked; everything else settles a hold that is still active.
        var from = target == ReservationStatus.Restocked ? ReservationStatus.Committed : ReservationStatus.Active;
        await work.BeginAsync(ct);
        // One statement locks the reservation (so a payment and the expiry sweeper can't settle it twice) and, if it is
        // still active, settles it; it answers with the row as it was.
        var settled = await ReservationSql.SettleAsync(work, id, from, target, clock.GetUtcNow(), ct)
            ?? throw new NotFoundException($"Reservation {id} does not exist.");
        var (reservation, changed) = settled;
        if (reservation.Status == target
            || (target is ReservationStatus.Released or ReservationStatus.Expired && reservation.Status is ReservationStatus.Released or ReservationStatus.Expired))
            return reservation.ToContract(); // repeated request: nothing to do
        if (!changed)
            throw new ConflictException($"Reservation {id} is {reservation.Status.ToString().ToLowerInvariant()} and can't be {target switch
            {
                ReservationStatus.Committed => "committed",
                ReservationStatus.Restocked => "restocked (only a sale can be)",
                _ => "released"
            }}.");

        // Units of the sale already returned one by one (ReturnSoldUnits) are on the shelf: a restock puts back only the rest.
        var returned = target == ReservationStatus.Restocked ? await ReturnSoldUnitsHandler.ReturnSoldUnitsHandler.ReturnedAsync(work, id, ct) : new Dictionary<string, int>();
        foreach (var line in reservation.Lines)
        {
            if (target == ReservationStatus.Restocked)
            {
                var left = line.Quantity - returned.GetValueOrDefault(line.Sku);
                if (left <= 0) continue;
                if (await ledger.ApplyAsync(line.Sku, left, 0, CancelledBeforeShipping, reservation.Reference ?? "checkout", id, ct, note) != StockLedger.Outcome.Applied)
                    throw new InvalidOperationException($"Stock of {line.Sku} no longer covers reservation {id}.");
                continue;
            }
            var (onHand, reserved, reason) = target switch
            {
                ReservationStatus.Committed => (-line.Quantity, -line.Quantity, "sold"),
                // The sale took the units off the shelf and the hold with them: only on hand comes back.
                ReservationStatus.Restocked => (line.Quantity, 0, CancelledBeforeShipping),
                ReservationStatus.Expired => (0, -line.Quantity, "reservation_expired"),
                _ => (0, -line.Quantity, "released")
            };
            var outcome = await ledger.ApplyAsync(line.Sku, onHand, reserved, reason, reservation.Reference ?? "checkout", id, ct, note);
            if (outcome != StockLedger.Outcome.Applied)
                throw new InvalidOperationException($"Stock of {line.Sku} no longer covers reservation {id}.");
        }
        reservation.Status = target;
        return reservation.ToContract();
    }
}
