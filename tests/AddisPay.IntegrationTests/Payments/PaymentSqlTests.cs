using AddisPay.Payments.Data;
using AddisPay.Payments.Domain;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Payments.PaymentRows;

namespace AddisPay.IntegrationTests.Payments;

/// <summary><see cref="PaymentSql"/> against the mapping of <see cref="PaymentsDbContext"/> (<c>select *</c> as the entity).</summary>
[Collection(SqlFamilies.Collection)]
public sealed class PaymentSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_payment_saved_through_the_context_reads_back_the_same_through_both_locks()
    {
        var payment = NewPayment();
        await platform.SaveAsync<PaymentsDbContext>(payment);

        var (byReference, byId) = await platform.InWorkAsync<PaymentsDbContext, (Payment, Payment)>(async work =>
            ((await PaymentSql.LockByReferenceAsync(work.Db, payment.Reference, CancellationToken.None))!,
             (await PaymentSql.LockAsync(work.Db, payment.Id, CancellationToken.None))!));

        foreach (var locked in new[] { byReference, byId })
        {
            Assert.Equal((payment.Id, payment.OrderId, payment.OrderNumber, payment.CustomerId, payment.Gateway, payment.Reference),
                (locked.Id, locked.OrderId, locked.OrderNumber, locked.CustomerId, locked.Gateway, locked.Reference));
            Assert.Equal((payment.AmountEtb, payment.Status, payment.CheckoutUrl, payment.ReturnUrl, payment.CreatedAt, payment.CompletedAt, payment.LastCheckedAt),
                (locked.AmountEtb, locked.Status, locked.CheckoutUrl, locked.ReturnUrl, locked.CreatedAt, locked.CompletedAt, locked.LastCheckedAt));
            Assert.Equal(Values(payment.Bill), Values(locked.Bill));
            Assert.Equal(payment.Payer, locked.Payer);
        }
    }
}
