using Npgsql;

namespace AddisPay.Payments.Data;

/// <summary>
/// Numbers of tax documents, from per-year counter rows (<c>payments.invoice_counters</c>,
/// <c>payments.credit_note_counters</c>) taken in the document's own transaction, so numbers have no gaps (a rolled-back
/// payment or refund takes none). Taking the number is an upsert (EF Core has none). The receipt is numbered and written
/// from the saved payment (<c>payments.invoices</c>, mapped as <see cref="Invoice"/>) in one statement sent last, with the
/// payment's events, because the counter row stays locked until commit: see docs/benchmarks.md, Checkout (2026-11-25,
/// "receipt number taken in one statement just before commit").
/// </summary>
internal static class ReceiptSql
{
    private const string Issue = """
        with counter as (
          insert into payments.invoice_counters ("Year", "Last") values ($1, 1)
          on conflict ("Year") do update set "Last" = payments.invoice_counters."Last" + 1
          returning "Last")
        insert into payments.invoices ("Number", "OrderId", "OrderNumber", "PaymentId", "CustomerId", "IssuedAt", "Bill", "Payer", "Gateway", "Reference")
        select 'INV-' || $1::text || '-' || lpad(c."Last"::text, greatest(6, length(c."Last"::text)), '0'),
               p."OrderId", p."OrderNumber", p."Id", p."CustomerId", $2, p."Bill", p."Payer", p."Gateway", p."Reference"
          from counter c, payments.payments p where p."Id" = $3
        returning "Number"
        """;

    private const string TakeCreditNote = """
        insert into payments.credit_note_counters ("Year", "Last") values (@year, 1)
        on conflict ("Year") do update set "Last" = payments.credit_note_counters."Last" + 1
        returning "Last"
        """;

    /// <summary>The receipt of a saved payment, numbered in <paramref name="year"/>; answers with the receipt's number.</summary>
    public static NpgsqlBatchCommand IssueReceipt(int year, DateTimeOffset issuedAt, Guid paymentId)
    {
        var issue = new NpgsqlBatchCommand(Issue);
        issue.Parameters.Add(new NpgsqlParameter<int> { TypedValue = year });
        issue.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = issuedAt });
        issue.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = paymentId });
        return issue;
    }

    /// <summary>The next credit note number of <paramref name="year"/> (1, 2, ...), in the work's transaction.</summary>
    public static async Task<long> TakeCreditNoteNumberAsync(Shared.Events.ModuleWork<PaymentsDbContext> work, int year, CancellationToken ct)
    {
        await using var take = work.Command(TakeCreditNote);
        take.Parameters.AddWithValue("year", year);
        return (long)(await take.ExecuteScalarAsync(ct))!;
    }
}
