using System.Text.Json;
using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AddisPay.Products.Inventory;

/// <summary>
/// Puts some units of a sale back on the shelf (part of an order cancelled before it shipped, or sent back after delivery), or
/// records units sent back that are written off. The return's rows and the
/// stock change commit together, keyed by the return id, so a repeated request moves nothing; the sale is locked while
/// it is checked, so returns racing each other (or a whole restock) never put back more than was sold.
/// </summary>
internal sealed class ReturnSoldUnitsHandler(ModuleWork<ProductsDbContext> work, StockLedger ledger, TimeProvider clock)
    : ICommandHandler<ReturnSoldUnits, Reservation>
{
    private static readonly HashSet<string> Reasons = [ReturnSoldUnits.CancelledBeforeShipping, ReturnSoldUnits.Returned, ReturnSoldUnits.WrittenOff];

    public async ValueTask<Reservation> Handle(ReturnSoldUnits command, CancellationToken ct)
    {
        Validate(command);
        var lines = command.Lines.GroupBy(l => l.Sku.Trim().ToUpperInvariant())
            .Select(g => (Sku: g.Key, Quantity: g.Sum(l => l.Quantity))).OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();

        await work.BeginAsync(ct);
        StockReservation sale;
        await using (var read = work.Command("""
            select "Status", "Lines", "Reference", "ExpiresAt" from products.reservations where "Id" = @id for update
            """))
        {
            read.Parameters.AddWithValue("id", command.ReservationId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) throw new NotFoundException($"Reservation {command.ReservationId} does not exist.");
            sale = new StockReservation
            {
                Id = command.ReservationId, Status = Enum.Parse<ReservationStatus>(reader.GetString(0)),
                Lines = JsonSerializer.Deserialize<List<ReservedLine>>(reader.GetString(1)) ?? [],
                Reference = reader.IsDBNull(2) ? null : reader.GetString(2), ExpiresAt = reader.GetFieldValue<DateTimeOffset>(3)
            };
        }

        await using (var record = work.Command("""
            insert into products.stock_returns ("ReturnId", "Sku", "ReservationId", "Quantity", "Reason", "At")
            select @return, l.sku, @reservation, l.quantity, @reason, @at from unnest(@skus, @quantities) as l(sku, quantity)
            on conflict do nothing
            """))
        {
            record.Parameters.AddWithValue("return", command.ReturnId);
            record.Parameters.AddWithValue("reservation", command.ReservationId);
            record.Parameters.AddWithValue("reason", command.Reason);
            record.Parameters.AddWithValue("at", clock.GetUtcNow());
            record.Parameters.AddWithValue("skus", lines.Select(l => l.Sku).ToArray());
            record.Parameters.AddWithValue("quantities", lines.Select(l => l.Quantity).ToArray());
            if (await record.ExecuteNonQueryAsync(ct) == 0) return sale.ToContract(); // this return was made before
        }
        if (sale.Status != ReservationStatus.Committed)
            throw new ConflictException($"Reservation {sale.Id} is {sale.Status.ToString().ToLowerInvariant()}: only units of a sale can be returned.");

        var returned = await ReturnedAsync(work, sale.Id, ct);
        foreach (var (sku, quantity) in lines)
        {
            var sold = sale.Lines.Where(l => l.Sku == sku).Sum(l => l.Quantity);
            if (returned.GetValueOrDefault(sku) > sold)
                throw new ConflictException($"Reservation {sale.Id} sold {sold} of {sku}; that many have already been returned.");
            // Written-off units never come back on the shelf: the ledger records them (how many, in the note) and the stock stays.
            var (onHand, note) = command.Reason == ReturnSoldUnits.WrittenOff
                ? (0, $"{command.Note.Trim()} ({quantity} written off)")
                : (quantity, command.Note.Trim());
            if (await ledger.ApplyAsync(sku, onHand, 0, command.Reason, sale.Reference ?? "checkout", sale.Id, ct, note) != StockLedger.Outcome.Applied)
                throw new NotFoundException($"There is no SKU {sku}.");
        }
        return sale.ToContract();
    }

    /// <summary>Units of each SKU of a sale returned so far.</summary>
    public static async Task<Dictionary<string, int>> ReturnedAsync(ModuleWork<ProductsDbContext> work, Guid reservationId, CancellationToken ct)
    {
        await using var sum = work.Command("""
            select "Sku", sum("Quantity")::int from products.stock_returns where "ReservationId" = @id group by "Sku"
            """);
        sum.Parameters.AddWithValue("id", reservationId);
        var returned = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await sum.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) returned[reader.GetString(0)] = reader.GetInt32(1);
        return returned;
    }

    private static void Validate(ReturnSoldUnits command)
    {
        var errors = new Dictionary<string, string[]>();
        if (command.ReturnId == Guid.Empty) errors["returnId"] = ["A return id is required (it makes retries safe)."];
        if (command.Lines is null || command.Lines.Count is 0 or > 100) errors["lines"] = ["Between 1 and 100 lines."];
        else if (command.Lines.Any(l => l.Quantity is < 1 or > 1000 || string.IsNullOrWhiteSpace(l.Sku))) errors["lines"] = ["Each line needs a SKU and a quantity from 1 to 1000."];
        if (!Reasons.Contains(command.Reason)) errors["reason"] = [$"Use {string.Join(" or ", Reasons)}."];
        if (string.IsNullOrWhiteSpace(command.Note) || command.Note.Length > 500) errors["note"] = ["Say why the units come back (up to 500 characters)."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }
}
