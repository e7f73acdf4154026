using AddisPay.Orders.CancelOrder;
using AddisPay.Orders.Contracts;
using AddisPay.Orders.PlaceOrder;
using AddisPay.Payments.Contracts;
using AddisPay.Shared.Modules;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AddisPay.Orders.ExpireUnpaidOrders;

/// <summary>
/// Cancels orders not paid within the payment window (their stock is then released by the saga) and forgets
/// expired idempotency keys. Safe with several pods: each order is taken with SKIP LOCKED and re-checked.
/// </summary>
internal sealed class UnpaidOrderExpiry(IServiceScopeFactory scopes, IOptions<OrdersOptions> options, TimeProvider clock, ILogger<UnpaidOrderExpiry> log)
    : PeriodicJob(log)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;
    protected override string FailureMessage => "sweeping unpaid orders failed";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var cancelled = await SweepAsync(ct);
        if (cancelled > 0) log.LogInformation("Cancelled {Count} orders not paid in time", cancelled);
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var cancelled = 0;
        var awaitingPayment = new List<Guid>();
        for (var i = 0; i < 100; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var work = scope.ServiceProvider.GetRequiredService<ModuleWork<OrdersDbContext>>();
            var db = work.Db;
            var now = clock.GetUtcNow();
            await work.BeginAsync(ct);
            var order = await OrderSql.NextOverdueAsync(db, now, [.. awaitingPayment], ct);
            if (order is null) break;
            // A payment made in time but not yet heard of (Orders was down, or its inbox is behind) is honoured:
            // the order waits for it rather than being cancelled and refunded. So does one whose handling failed every
            // retry and was parked as a dead letter: the dead-letter alert brings an operator to it.
            if (await InboxBacklog.HasUnhandledAsync<PaymentSucceeded>(work, ModuleNames.Orders, order.Id, ct))
            {
                awaitingPayment.Add(order.Id);
                continue;
            }
            work.Raise(await Cancellation.CancelAsync(db, order, OrderCancelled.PaymentTimeout, Actors.System, now, ct));
            // A job, not a command: it completes its unit of work itself (disposing the scope rolls a failure back).
            await work.CompleteAsync(ct);
            cancelled++;
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdempotencyKeys>().ForgetExpiredAsync(ct);
            await scope.ServiceProvider.GetRequiredService<RequestKeys>().ForgetExpiredAsync(ct);
        }
        return cancelled;
    }
}
