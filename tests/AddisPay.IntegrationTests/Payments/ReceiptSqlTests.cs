using AddisPay.Payments.Domain;
using AddisPay.Payments.ShowCreditNote;
using AddisPay.Payments.ShowInvoice;
using AddisPay.Payments.Data;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Payments.PaymentRows;

namespace AddisPay.IntegrationTests.Payments;

/// <summary><see cref="ReceiptSql"/> against the mapping of <see cref="PaymentsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class ReceiptSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_receipt_issued_by_its_statement_from_a_payment_saved_through_the_context_reads_back_with_the_payments_bill_and_payer()
    {
        var payment = NewPayment();
        await platform.SaveAsync<PaymentsDbContext>(payment);
        const int year = 2101; // a year of its own: the first receipt of its counter

        var number = await platform.InWorkAsync<PaymentsDbContext, string>(async work =>
        {
            await using var batch = work.BatchWithQueued();
            batch.BatchCommands.Add(ReceiptSql.IssueReceipt(year, At, payment.Id));
            return (string)(await batch.ExecuteScalarAsync())!;
        });

        Assert.Equal("INV-2101-000001", number);
        var receipt = await platform.WithContextAsync<PaymentsDbContext, Invoice>(db => db.Invoices.AsNoTracking().SingleAsync(i => i.PaymentId == payment.Id));
        Assert.Equal((number, payment.OrderId, payment.OrderNumber, payment.CustomerId, At, payment.Gateway, payment.Reference),
            (receipt.Number, receipt.OrderId, receipt.OrderNumber, receipt.CustomerId, receipt.IssuedAt, receipt.Gateway, receipt.Reference));
        Assert.Equal(Values(payment.Bill), Values(receipt.Bill));
        Assert.Equal(payment.Payer, receipt.Payer);
        var counter = await platform.WithContextAsync<PaymentsDbContext, long>(db => db.InvoiceCounters.Where(c => c.Year == year).Select(c => c.Last).SingleAsync());
        Assert.Equal(1, counter);
    }

    [Fact]
    public async Task Credit_note_numbers_taken_by_their_statement_count_up_in_the_counter_the_context_reads()
    {
        const int year = 2102;

        var first = await platform.InWorkAsync<PaymentsDbContext, long>(work => ReceiptSql.TakeCreditNoteNumberAsync(work, year, CancellationToken.None));
        var second = await platform.InWorkAsync<PaymentsDbContext, long>(work => ReceiptSql.TakeCreditNoteNumberAsync(work, year, CancellationToken.None));

        Assert.Equal((1, 2), (first, second));
        var counter = await platform.WithContextAsync<PaymentsDbContext, CreditNoteCounter>(db => db.CreditNoteCounters.AsNoTracking().SingleAsync(c => c.Year == year));
        Assert.Equal(2, counter.Last);
    }
}
