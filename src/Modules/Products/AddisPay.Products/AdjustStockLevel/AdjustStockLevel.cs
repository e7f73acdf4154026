using Npgsql;

namespace AddisPay.Products.AdjustStockLevel;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>
/// A back office's stock adjustment for a staff member whose role it checked, through the same <see cref="StockLedger"/>
/// statement as the admin API's adjustments; once per form (its key is kept on the movement). Requests arrive without the
/// API's validation filter, so their input is checked here.
/// </summary>
internal sealed class AdjustStockLevelHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, StockLedger ledger) : ICommandHandler<AdjustStockLevel, StockAdjusted>
{
    public const int MaxKeyLength = 100;

    public async ValueTask<StockAdjusted> Handle(AdjustStockLevel command, CancellationToken ct)
    {
        Validate(command);
        var sku = command.Sku.Trim().ToUpperInvariant();
        var key = $"{command.StaffId:N}:{command.IdempotencyKey.Trim()}";
        if (await ReplayAsync(key, sku, ct) is { } replayed) return replayed;

        await work.BeginAsync(ct);
        var row = await StaffStockLevels.Query(db).FirstOrDefaultAsync(r => r.Variant.Sku == sku, ct) ?? throw new NotFoundException($"There is no SKU {sku}.");
        var before = StaffStockLevels.Of(row.Variant, row.Product);
        // A count says what is on the shelf now; the ledger records the difference. A sale committed between this read and the
        // write was on the shelf when counted, so taking it off as well is right.
        var delta = command.Delta ?? command.CountedOnHand!.Value - before.OnHand;
        if (delta == 0)
            throw new ValidationFailedException(command.Delta is null ? "countedOnHand" : "delta",
                command.Delta is null ? $"The count matches the {before.OnHand} on hand: nothing to adjust." : "An adjustment changes the stock: use a non-zero quantity.");
        StockLedger.Outcome outcome;
        try
        {
            outcome = await ledger.ApplyAsync(sku, delta, 0, command.Reason, command.StaffId.ToString(), null, ct, Trimmed(command.Note), key);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The same form submitted twice at once: the other request made the change.
            await work.AbandonAsync();
            return await ReplayAsync(key, sku, ct) ?? throw new ConflictException("This adjustment is being made; reload the page.");
        }
        if (outcome == StockLedger.Outcome.UnknownSku) throw new NotFoundException($"There is no SKU {sku}.");
        if (outcome == StockLedger.Outcome.NotEnough)
        {
            var floor = before.Reserved;
            throw new ConflictException(floor > 0
                ? $"Stock of {sku} can't go below the {floor} units reserved for checkouts ({before.OnHand} on hand; a change of {delta} would leave {before.OnHand + delta})."
                : $"Stock of {sku} can't go below zero ({before.OnHand} on hand; a change of {delta} would leave {before.OnHand + delta}).")
            {
                Reason = Refusal.Of("stock.below-reserved", ("sku", sku), ("onHand", before.OnHand), ("reserved", before.Reserved), ("delta", delta))
            };
        }
        var after = before with { OnHand = before.OnHand + delta, Available = before.Available + delta };
        return new StockAdjusted(before, after, false);
    }

    private async Task<StockAdjusted?> ReplayAsync(string key, string sku, CancellationToken ct)
    {
        var earlier = await db.StockMovements.AsNoTracking().Where(m => m.RequestKey == key).Select(m => m.Sku).FirstOrDefaultAsync(ct);
        if (earlier is null) return null;
        if (earlier != sku)
            throw new IdempotencyKeyReusedException($"This form's key was already used to adjust {earlier}; open the form again for {sku}.");
        var row = await StaffStockLevels.Query(db).FirstAsync(r => r.Variant.Sku == sku, ct);
        var now = StaffStockLevels.Of(row.Variant, row.Product);
        return new StockAdjusted(now, now, true);
    }

    private static void Validate(AdjustStockLevel c)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(c.Sku) || c.Sku.Length > 64) errors["sku"] = ["Give the SKU to adjust."];
        if (c.Delta is null == c.CountedOnHand is null) errors["delta"] = ["Give either a quantity to add or remove, or the counted quantity on hand."];
        if (c.Delta is < -1_000_000 or > 1_000_000) errors["delta"] = ["Change by at most 1,000,000 units at a time."];
        if (c.CountedOnHand is < 0) errors["countedOnHand"] = ["A count can't be below zero."];
        if (c.CountedOnHand is > 10_000_000) errors["countedOnHand"] = ["A count goes up to 10,000,000."];
        if (!StockAdjustmentReasons.All.Contains(c.Reason)) errors["reason"] = [$"Use one of: {string.Join(", ", StockAdjustmentReasons.All)}."];
        if (c.Note is { Length: > 500 }) errors["note"] = ["A note has at most 500 characters."];
        if (string.IsNullOrWhiteSpace(c.IdempotencyKey) || c.IdempotencyKey.Trim().Length > MaxKeyLength)
            errors["idempotencyKey"] = [$"An idempotency key of 1 to {MaxKeyLength} characters (one per form shown) makes a retried adjustment safe."];
        if (c.StaffId == Guid.Empty) errors["staffId"] = ["Say which staff member adjusts the stock."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }

    private static string? Trimmed(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
