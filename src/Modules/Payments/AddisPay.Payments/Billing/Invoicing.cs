using AddisPay.Payments.Data;
using AddisPay.Shared.Events;
using Npgsql;

namespace AddisPay.Payments.Billing;

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
        var issue = new NpgsqlBatchCommand("""
            with counter as (
              insert into payments.invoice_counters ("Year", "Last") values ($1, 1)
              on conflict ("Year") do update set "Last" = payments.invoice_counters."Last" + 1
              returning "Last")
            insert into payments.invoices ("Number", "OrderId", "OrderNumber", "PaymentId", "CustomerId", "IssuedAt", "Bill", "Payer", "Gateway", "Reference")
            select 'INV-' || $1::text || '-' || lpad(c."Last"::text, greatest(6, length(c."Last"::text)), '0'),
                   p."OrderId", p."OrderNumber", p."Id", p."CustomerId", $2, p."Bill", p."Payer", p."Gateway", p."Reference"
              from counter c, payments.payments p where p."Id" = $3
            returning "Number"
            """);
        issue.Parameters.Add(new NpgsqlParameter<int> { TypedValue = year });
        issue.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        issue.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = paymentId });

        await using var batch = work.BatchWithQueued();
        batch.BatchCommands.Add(issue);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        string? number = null;
        do
        {
            if (reader.FieldCount > 0 && await reader.ReadAsync(ct)) number = reader.GetString(0);
        } while (await reader.NextResultAsync(ct));
        return number ?? throw new InvalidOperationException($"Payment {paymentId} is not saved; its receipt can't be issued.");
    }
}
