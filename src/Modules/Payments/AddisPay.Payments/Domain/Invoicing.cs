namespace AddisPay.Payments.Domain;

/// <summary>
/// Issues the receipt of a paid order. The number comes from a per-year counter row updated in the
/// payment's own transaction: sequential with no gaps (a rolled-back payment takes no number), as tax
/// receipts must be.
/// </summary>
internal sealed class Invoicing(ModuleWork<PaymentsDbContext> work)
{
    /// <summary>
    /// Numbers and writes the receipt of <paramref name="paymentId"/> (already saved in the current transaction)
    /// in one statement. Call it last, just before commit: the counter row stays locked until the transaction
    /// ends and every payment being confirmed waits for it, so nothing else may run while it is held.
    /// The events raised so far (the payment's) go ahead of it in the same round trip.
    /// </summary>
    public async Task<string> IssueAsync(Guid paymentId, DateTimeOffset now, CancellationToken ct)
    {
        var year = now.ToOffset(TimeSpan.FromHours(3)).Year; // Addis Ababa time
        await using var batch = work.BatchWithQueued();
        batch.BatchCommands.Add(ReceiptSql.IssueReceipt(year, now, paymentId));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        string? number = null;
        do
        {
            if (reader.FieldCount > 0 && await reader.ReadAsync(ct)) number = reader.GetString(0);
        } while (await reader.NextResultAsync(ct));
        return number ?? throw new InvalidOperationException($"Payment {paymentId} is not saved; its receipt can't be issued.");
    }
}
