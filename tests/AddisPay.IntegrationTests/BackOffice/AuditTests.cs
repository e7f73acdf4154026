using AddisPay.BackOffice.Audit;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The audit log's record of a staff action sent under its form's key: on record before it is sent, completed once when
/// the owning module answers, whatever the number of submits (the pages' use of it runs in the admin journeys).
/// </summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class AuditTests(AllModulesPlatform platform)
{
    private readonly Guid _staff = Guid.NewGuid();
    private readonly string _email = $"audit-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task An_action_sent_and_never_answered_stays_on_record_as_requested_with_its_before_state()
    {
        await SendAsync(new BeginStaffAction(_staff, _email, "order.shipped", "order:AP000001", "k-" + Guid.NewGuid(), new { Status = "processing" }));

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((AuditOutcome.Requested, "order:AP000001", (string?)null, (DateTimeOffset?)null), (entry.Outcome, entry.Target, entry.After, entry.CompletedAt));
        Assert.Contains("processing", entry.Before);
    }

    [Fact]
    public async Task A_form_submitted_again_after_its_answer_leaves_one_entry_completed_with_the_first_answer()
    {
        var key = "k-" + Guid.NewGuid();
        await SendAsync(new BeginStaffAction(_staff, _email, "order.delivered", "order:AP000002", key, new { Status = "shipped" }));
        await SendAsync(new RecordStaffAction(_staff, _email, "order.delivered", "order:AP000002", new { Status = "shipped" }, new { Status = "delivered" }, key));
        await SendAsync(new BeginStaffAction(_staff, _email, "order.delivered", "order:AP000002", key, new { Status = "delivered" }));
        await SendAsync(new RecordStaffAction(_staff, _email, "order.delivered", "order:AP000002", new { Status = "delivered" }, new { Status = "delivered", Again = true }, key));

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal(AuditOutcome.Done, entry.Outcome);
        Assert.Contains("shipped", entry.Before);
        Assert.DoesNotContain("again", entry.After);
        Assert.NotNull(entry.CompletedAt);
    }

    [Fact]
    public async Task A_submit_replayed_after_a_crash_completes_the_entry_the_first_one_left_requested()
    {
        var key = "k-" + Guid.NewGuid();
        await SendAsync(new BeginStaffAction(_staff, _email, "order.cancelled", "order:AP000003", key, new { Status = "paid" }));
        // The process stopped here; the staff member submits the same form again, and Orders answers it as replayed.
        await SendAsync(new BeginStaffAction(_staff, _email, "order.cancelled", "order:AP000003", key, new { Status = "cancelled" }));
        await SendAsync(new RecordStaffAction(_staff, _email, "order.cancelled", "order:AP000003", new { Status = "cancelled" }, new { Status = "cancelled" }, key));

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal(AuditOutcome.Done, entry.Outcome);
        Assert.Contains("paid", entry.Before);
    }

    [Fact]
    public async Task An_action_the_owning_module_refused_is_on_record_as_refused_with_the_reason()
    {
        var key = "k-" + Guid.NewGuid();
        await SendAsync(new BeginStaffAction(_staff, _email, "order.refunded", "order:AP000004", key, new { RefundedEtb = 0 }));
        await SendAsync(new RefuseStaffAction("order.refunded", key, "More than the order's refundable amount"));

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal(AuditOutcome.Refused, entry.Outcome);
        Assert.Contains("refundable amount", entry.After);
    }

    private async Task SendAsync<T>(ICommand<T> command)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task<IReadOnlyList<AuditEntry>> EntriesAsync()
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListAuditEntries(_email, null, null, null, 1, 50))).Items;
    }
}
