using AddisPay.Notifications.Contracts;
using AddisPay.Notifications.Gateways;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace AddisPay.Notifications.DeliverMessages;

/// <summary>
/// Sends due messages from the delivery log. A batch is leased with FOR UPDATE SKIP LOCKED (several pods may
/// run the worker), each message is sent once per attempt, and a failure backs off exponentially until
/// MaxAttempts, after which the message is dead until an admin resends it.
/// </summary>
internal sealed class DeliveryWorker(IServiceScopeFactory scopes, IOptions<NotificationsOptions> options, QuietHours quietHours,
    TimeProvider clock, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private static readonly Counter Outcomes = Metrics.CreateCounter("addispay_notifications_messages_total",
        "Delivery attempts of notification messages.", "channel", "outcome");

    /// <summary>
    /// A leased message not finished by then (a crashed pod) becomes due again. It outlasts a whole batch of sends that
    /// each hit their timeout, so a slow provider never lets a second pod send the same message.
    /// </summary>
    private TimeSpan Lease => TimeSpan.FromMinutes(1) + options.Value.Delivery.BatchSize
        * TimeSpan.FromMilliseconds(Math.Max(options.Value.Email.TimeoutMs, options.Value.Sms.TimeoutMs));

    /// <summary>Rounds resting until a full batch says more is due.</summary>
    private readonly SemaphoreSlim _moreDue = new(0);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The rounds share nothing but the table: each lease takes rows the others have not (SKIP LOCKED), so a message
        // goes out once however many rounds (or pods) run. One round looks for due messages every PollIntervalMs; the
        // others rest until a round leases a full batch. An idle pod then sends one lease a poll instead of one per round
        // (each a statement, a connection from the pool and a thread's wake-up), while a backlog still has every round on it.
        var rounds = Math.Max(1, options.Value.Delivery.Concurrency);
        return Task.WhenAll(Enumerable.Range(0, rounds).Select(i => RunRoundsAsync(lookout: i == 0, rounds, stoppingToken)));
    }

    private async Task RunRoundsAsync(bool lookout, int rounds, CancellationToken stoppingToken)
    {
        var o = options.Value.Delivery;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!lookout)
            {
                try { await _moreDue.WaitAsync(stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
            // A full batch means more may be due: go on at once, and call a resting round in.
            while (await SendDueLoggedAsync(o, stoppingToken) >= o.BatchSize)
                if (_moreDue.CurrentCount < rounds - 1) _moreDue.Release();
            if (lookout)
            {
                try { await Task.Delay(o.PollIntervalMs, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task<int> SendDueLoggedAsync(DeliveryOptions o, CancellationToken stoppingToken)
    {
        try
        {
            return await SendDueAsync(o, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Notification delivery round failed");
            return 0;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    internal async Task<int> SendDueAsync(DeliveryOptions o, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = clock.GetUtcNow();
        // Leased and read in one statement.
        var leased = await MessageSql.LeaseAsync(db, now, now + Lease, o.BatchSize, ct);
        if (leased.Count == 0) return 0;

        try
        {
            foreach (var message in leased.OrderBy(m => m.CreatedAt)) await SendOneAsync(scope.ServiceProvider, message, o, ct);
        }
        finally
        {
            // The batch's outcomes are recorded together: one round trip instead of one per message. A crash before this
            // sends the batch's delivered messages again when the lease runs out: the at-least-once every sender has, for
            // a batch where it was one message before. A shutdown still records what went out.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return leased.Count;
    }

    private async Task SendOneAsync(IServiceProvider services, Message message, DeliveryOptions o, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A promotion whose turn (or retry) falls into quiet hours waits for the morning without spending an attempt.
        if (message.Promotional && quietHours.Release(now) is var release && release > now)
        {
            message.NextAttemptAt = release;
            return;
        }

        message.Attempts++;
        message.LastAttemptAt = now;
        try
        {
            message.ProviderMessageId = message.Channel switch
            {
                Channels.Email => await services.GetRequiredService<SmtpMailer>().SendAsync(message.Recipient, message.Subject ?? "", message.Body, message.HtmlBody,
                    message.Promotional && message.UserId is { } userId ? services.GetRequiredService<UnsubscribeTokens>().Link(userId, message.SourceId) : null, ct),
                Channels.Sms => await services.GetRequiredService<ISmsProvider>().SendAsync(message.Recipient, message.Body, ct),
                _ => throw new InvalidOperationException($"Unknown channel '{message.Channel}'.")
            };
            message.Status = MessageStatus.Sent;
            message.SentAt = clock.GetUtcNow();
            message.LastError = null;
            Outcomes.WithLabels(message.Channel, "sent").Inc();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            message.LastError = $"{ex.GetType().Name}: {ex.Message}" is var error && error.Length > 2000 ? error[..2000] : error;
            if (message.Attempts >= o.MaxAttempts)
            {
                message.Status = MessageStatus.Dead;
                Outcomes.WithLabels(message.Channel, "dead").Inc();
                logger.LogError(ex, "Message {MessageId} ({Template}, {Channel}) failed {Attempts} times; dead-lettered",
                    message.Id, message.Template, message.Channel, message.Attempts);
            }
            else
            {
                message.Status = MessageStatus.Failed;
                message.NextAttemptAt = clock.GetUtcNow() + o.DelayAfter(message.Attempts);
                Outcomes.WithLabels(message.Channel, "retried").Inc();
                logger.LogWarning("Message {MessageId} ({Template}, {Channel}) failed attempt {Attempt}: {Error}; retrying at {NextAttemptAt}",
                    message.Id, message.Template, message.Channel, message.Attempts, message.LastError, message.NextAttemptAt);
            }
        }
    }
}
