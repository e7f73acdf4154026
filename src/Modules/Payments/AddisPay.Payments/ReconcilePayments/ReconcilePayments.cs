using Microsoft.Extensions.DependencyInjection;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AddisPay.Payments.ReconcilePayments;

/// <summary>
/// Webhooks get lost. Payments still pending some time after they started are verified with their
/// gateway; those never completed within the attempt lifetime are abandoned. Several pods may run this:
/// settling locks the payment row and settles once. The same loop forgets the counts of unverified webhook
/// calls once they are older than their retention.
/// </summary>
internal sealed class PaymentReconciliation(IServiceScopeFactory scopes, IOptions<PaymentsOptions> options, TimeProvider clock,
    ILogger<PaymentReconciliation> log) : PeriodicJob(log)
{
    protected override TimeSpan Interval => options.Value.ReconcileInterval;
    protected override string FailureMessage => "reconciling pending payments failed";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        await ReconcileAsync(ct);
        await ForgetExpiredUnverifiedWebhooksAsync(ct);
    }

    /// <summary>Deletes the hourly counts of unverified webhook calls past AddisPay:Payments:UnverifiedWebhookRetention.</summary>
    public async Task<int> ForgetExpiredUnverifiedWebhooksAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        return await UnverifiedWebhooks.ForgetBeforeAsync(db, clock.GetUtcNow() - options.Value.UnverifiedWebhookRetention, ct);
    }

    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        List<(Guid Id, string Reference, DateTimeOffset CreatedAt)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
            var startedBefore = now - o.ReconcileAfter;
            var checkedBefore = now - o.ReconcileInterval;
            due = (await db.Payments.AsNoTracking()
                    .Where(p => p.Status == PaymentStatus.Pending && p.CreatedAt <= startedBefore && (p.LastCheckedAt == null || p.LastCheckedAt <= checkedBefore))
                    .OrderBy(p => p.CreatedAt).Take(100).Select(p => new { p.Id, p.Reference, p.CreatedAt }).ToListAsync(ct))
                .Select(p => (p.Id, p.Reference, p.CreatedAt)).ToList();
        }
        var settled = 0;
        foreach (var (id, reference, createdAt) in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            var confirmation = scope.ServiceProvider.GetRequiredService<PaymentConfirmation>();
            try
            {
                var outcome = await confirmation.ConfirmAsync(reference, "reconciliation", ct);
                if (outcome is ConfirmationOutcome.Paid or ConfirmationOutcome.Failed) settled++;
                else if (outcome == ConfirmationOutcome.StillPending && createdAt + o.AttemptLifetime <= now)
                {
                    await confirmation.AbandonAsync(id, ct);
                    settled++;
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(ex, "Could not reconcile payment {Reference}", reference);
                // Kept on the payment for staff (ListPaymentsNeedingAttention), and checked again only after the interval.
                await using var fresh = scopes.CreateAsyncScope(); // the failed attempt's context may hold a broken transaction
                var db = fresh.ServiceProvider.GetRequiredService<PaymentsDbContext>();
                await db.Payments.Where(p => p.Id == id && p.Status == PaymentStatus.Pending).ExecuteUpdateAsync(set => set
                    .SetProperty(p => p.FailureReason, $"Verification failed: {ex.Message}")
                    .SetProperty(p => p.LastCheckedAt, now), ct);
            }
        }
        if (settled > 0) log.LogInformation("Reconciliation settled {Count} payments whose webhook never came", settled);
        return settled;
    }
}

internal static class ReconcilePaymentsEndpoints
{
    public static void MapReconcilePayments(this IEndpointRouteBuilder api)
    {
        api.MapPost("/reconciliation", async (PaymentReconciliation reconciliation, CancellationToken ct) =>
                Results.Ok(new { settled = await reconciliation.ReconcileAsync(ct) }))
            .RequireAuthorization(Policies.Admin)
            .WithName("ReconcilePayments")
            .WithSummary("Verifies now, with their gateways, the pending payments whose webhook has not come.");
    }
}
