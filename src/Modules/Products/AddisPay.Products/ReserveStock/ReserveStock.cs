using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AddisPay.Products.ReserveStock;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

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
