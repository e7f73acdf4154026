using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The operations pages (Components/Pages/Operations/: payments needing attention, the delivery log) over plain HTTP, the
/// staff actions the journeys do not reach, each made once (<see cref="OperationsActions"/>); replaying an event runs in the
/// operations journey (BackOfficeJourneyTests).
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class OperationsTests(AllInOneShop fixture)
{
    private Task<OperationsActions.Settled> SettledAsync() => OperationsActions.AnAdminSettlesAPaymentByHandAsync(fixture);
    private Task<OperationsActions.SupportSettled> SupportSettledAsync() => OperationsActions.SupportTriesSettlingAPaymentByHandAsync(fixture);
    private Task<OperationsActions.Resent> ResentAsync() => OperationsActions.SupportResendsAMessageThatGaveUpAsync(fixture);

    [Fact]
    public async Task An_admin_settles_by_hand_a_payment_nobody_confirmed()
    {
        var run = await SettledAsync();
        Assert.Equal(HttpStatusCode.OK, run.Status);
        Assert.Contains($"Order {run.Order.Number}: the payment is now succeeded.", run.Html);
    }

    [Fact]
    public async Task An_order_whose_payment_an_admin_settled_by_hand_as_succeeded_is_paid()
    {
        var run = await SettledAsync();
        await run.Buyer.OrderReachesAsync(run.Order.Id, "paid");
    }

    [Fact]
    public async Task The_audit_log_holds_a_settlement_by_hand_done_with_the_payment_pending_before_and_the_reference_and_reason_after()
    {
        var run = await SettledAsync();
        var entry = await OperationsActions.AuditEntryAsync(fixture.Shop.BackOffice, BackOfficeOrders.DemoAdmin, "payment.settled", "order:" + run.Order.Number);
        Assert.Equal("done", entry.Outcome);
        Assert.Equal("pending", OperationsActions.StatusIn(entry.Before));
        Assert.Contains(run.Payment.Reference, entry.Before);
        Assert.Contains("SBX-HAND-" + run.Order.Number, entry.After);
        Assert.Contains("Seen paid on the sandbox", entry.After);
    }

    [Fact]
    public async Task Support_is_sent_to_the_denied_page_when_it_settles_a_payment_by_hand_even_with_a_crafted_post() =>
        StaffAnswer.AllSentTo([(await SupportSettledAsync()).Crafted], "/admin/denied");

    [Fact]
    public async Task A_payment_support_tried_to_settle_by_hand_still_needs_attention()
    {
        var run = await SupportSettledAsync();
        Assert.True(await OperationsActions.NeedsAttentionAsync(fixture.Shop, run.Payment.PaymentId));
    }

    [Fact]
    public async Task A_settlement_by_hand_support_was_refused_leaves_nothing_on_record()
    {
        var run = await SupportSettledAsync();
        Assert.Empty(await OperationsActions.AuditRowsAsync(fixture.Shop.BackOffice, null, "payment.settled", "order:" + run.Order.Number));
    }

    [Fact]
    public async Task Support_resends_a_message_that_gave_up_from_the_delivery_log()
    {
        var run = await ResentAsync();
        Assert.Contains($"The message to {run.Email} is queued again.", run.Html);
    }

    [Fact]
    public async Task A_message_support_resent_arrives_a_second_time_with_the_same_subject()
    {
        var run = await ResentAsync();
        var mails = await Eventually.Until(() => fixture.Shop.Mail.MessagesToAsync(run.Email), m => m.Count >= 2, $"the resent email to {run.Email}");
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal(run.First.Subject, m.Subject));
    }

    [Fact]
    public async Task The_audit_log_holds_a_resend_done_from_dead_to_queued()
    {
        var run = await ResentAsync();
        var entry = await OperationsActions.AuditEntryAsync(fixture.Shop.BackOffice, run.Support, "message.resent", "message:" + run.MessageId);
        Assert.Equal("done", entry.Outcome);
        Assert.Equal("dead", OperationsActions.StatusIn(entry.Before));
        Assert.Equal("queued", OperationsActions.StatusIn(entry.After));
    }
}
