using AddisPay.Products.Contracts;
using Microsoft.EntityFrameworkCore.Storage;

namespace AddisPay.Products.ReturnSoldUnitsHandler;

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
        var sale = await ReservationSql.LockAsync(work, command.ReservationId, ct)
            ?? throw new NotFoundException($"Reservation {command.ReservationId} does not exist.");
        if (!await ReservationSql.RecordReturnAsync(work, command.ReturnId, command.ReservationId, command.Reason, clock.GetUtcNow(), lines, ct))
            return sale.ToContract(); // this return was made before
        if (sale.Status != ReservationStatus.Committed)
            throw new ConflictException($"Reservation {sale.Id} is {sale.Status.ToString().ToLowerInvariant()}: only units of a sale can be returned.");

        var returned = await ReservationSettlement.ReturnedAsync(work, sale.Id, ct);
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
