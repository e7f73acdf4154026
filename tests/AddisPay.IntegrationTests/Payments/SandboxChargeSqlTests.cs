using AddisPay.Payments.Data;
using AddisPay.Payments.Domain;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Payments.PaymentRows;

namespace AddisPay.IntegrationTests.Payments;

/// <summary><see cref="SandboxChargeSql"/> against the mapping of <see cref="PaymentsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class SandboxChargeSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_charge_started_by_its_statement_reads_back_through_the_context_and_a_second_start_changes_nothing()
    {
        var charge = NewCharge();

        await StartAsync(charge);
        await StartAsync(new SandboxCharge { Reference = charge.Reference, AmountEtb = 1m, Currency = "ETB", Description = "Another", CreatedAt = At.AddDays(1) });

        var saved = await ReadBackAsync(charge.Reference);
        Assert.Equal((charge.AmountEtb, charge.Currency, charge.Description, charge.ReturnUrl, charge.CreatedAt),
            (saved.AmountEtb, saved.Currency, saved.Description, saved.ReturnUrl, saved.CreatedAt));
        Assert.Null(saved.Outcome);
        Assert.Equal(0m, saved.RefundedEtb);
    }

    [Fact]
    public async Task A_charge_saved_through_the_context_is_read_back_whole_by_the_choice_statement()
    {
        var charge = NewCharge();
        await platform.SaveAsync<PaymentsDbContext>(charge);

        var chosen = await platform.WithContextAsync<PaymentsDbContext, SandboxCharge?>(db => SandboxChargeSql.ChooseAsync(db, charge.Reference, "success", CancellationToken.None));
        var refused = await platform.WithContextAsync<PaymentsDbContext, SandboxCharge?>(db => SandboxChargeSql.ChooseAsync(db, charge.Reference, "failure", CancellationToken.None));

        Assert.NotNull(chosen);
        Assert.Equal((charge.Reference, charge.AmountEtb, charge.Currency, charge.Description, charge.ReturnUrl, "success", 0m, charge.CreatedAt),
            (chosen.Reference, chosen.AmountEtb, chosen.Currency, chosen.Description, chosen.ReturnUrl, chosen.Outcome, chosen.RefundedEtb, chosen.CreatedAt));
        Assert.Null(refused);
        Assert.Equal("success", (await ReadBackAsync(charge.Reference)).Outcome);
    }

    [Fact]
    public async Task A_charge_started_with_its_attempt_reads_back_through_the_context_and_gives_the_attempt_its_checkout_address()
    {
        var payment = NewPayment();
        (payment.Status, payment.CheckoutUrl, payment.CompletedAt) = (PaymentStatus.Pending, null, null);
        await platform.SaveAsync<PaymentsDbContext>(payment);
        var charge = NewCharge();
        charge.Reference = payment.Reference;

        await platform.WithContextAsync<PaymentsDbContext, bool>(async db =>
        {
            await SandboxChargeSql.StartLinkedAsync(db, charge, payment.Id, "http://127.0.0.1/pay/linked", CancellationToken.None);
            return true;
        });

        var saved = await ReadBackAsync(charge.Reference);
        Assert.Equal((charge.AmountEtb, charge.Currency, charge.Description, charge.ReturnUrl, charge.CreatedAt, (string?)null, 0m),
            (saved.AmountEtb, saved.Currency, saved.Description, saved.ReturnUrl, saved.CreatedAt, saved.Outcome, saved.RefundedEtb));
        var attempt = await platform.WithContextAsync<PaymentsDbContext, Payment>(db => db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id));
        Assert.Equal(("http://127.0.0.1/pay/linked", PaymentStatus.Pending), (attempt.CheckoutUrl, attempt.Status));
    }

    private static SandboxCharge NewCharge() => new()
    {
        Reference = "SQL-" + Guid.NewGuid().ToString("N"), AmountEtb = 1208.65m, Currency = "ETB", Description = "Order AP000123",
        ReturnUrl = "http://127.0.0.1:5080/checkout/return", CreatedAt = At
    };

    private Task StartAsync(SandboxCharge charge) =>
        platform.WithContextAsync<PaymentsDbContext, bool>(async db => { await SandboxChargeSql.StartAsync(db, charge, CancellationToken.None); return true; });

    private Task<SandboxCharge> ReadBackAsync(string reference) =>
        platform.WithContextAsync<PaymentsDbContext, SandboxCharge>(db => db.SandboxCharges.AsNoTracking().SingleAsync(c => c.Reference == reference));
}
