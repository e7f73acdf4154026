using AddisPay.Notifications.Contracts;
using AddisPay.Notifications.Gateways;
using AddisPay.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace AddisPay.Notifications.DeliverMessages;

/// <summary>
/// Sends due messages from the delivery log. A batch is leased with FOR UPDATE SKIP LOCKED (several pods may
/// run the worker), each message is sent once per attempt, and a failure backs off exponentially until
/// MaxAttempts, after which the message is dead until an admin resends it. A round starts when a transaction that
/// added messages commits (LISTEN on <see cref="MessageSql.DueChannel"/>), when the next message falls due, or at the
/// latest every PollIntervalMs.
/// </summary>
internal sealed class DeliveryWorker(IServiceScopeFactory scopes, IOptions<NotificationsOptions> options, QuietHours quietHours,
    TimeProvider clock, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private static readonly Counter Outcomes = Metrics.CreateCounter("addispay_notifications_messages_total",
        "Delivery attempts of notification messages.", "channel", "outcome");

    /// <summary>The longest one send may take: the slower channel's timeout, enforced around each send.</summary>
    private TimeSpan SendTimeout => TimeSpan.FromMilliseconds(Math.Max(options.Value.Email.TimeoutMs, options.Value.Sms.TimeoutMs));

    /// <summary>
    /// A leased message not finished by then (a crashed pod) becomes due again: one send at its timeout plus the margin.
    /// The round renews its batch's lease before a send that could outlast it, so however slow the provider, no second
    /// pod leases a message this round still holds; and a crashed pod's messages wait at most this long, not a whole
    /// batch of timeouts.
    /// </summary>
    private TimeSpan Lease => SendTimeout + TimeSpan.FromMilliseconds(options.Value.Delivery.LeaseMarginMs);

    /// <summary>Rounds resting until a full batch says more is due.</summary>
    private readonly SemaphoreSlim _moreDue = new(0);

    /// <summary>Set when a transaction that made messages due committed (or the listening connection was (re)opened).</summary>
    private readonly SemaphoreSlim _notified = new(0, 1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The rounds share nothing but the table: each lease takes rows the others have not (SKIP LOCKED), so a message
        // goes out once however many rounds (or pods) run. One round, the lookout, leases when told that messages were
        // added, when the next one falls due, or after PollIntervalMs without either; the others rest until a round
        // leases a full batch. An idle pod then sends nothing but the fallback poll's two statements.
        var rounds = Math.Max(1, options.Value.Delivery.Concurrency);
        return Task.WhenAll(Enumerable.Range(0, rounds).Select(i => RunRoundsAsync(lookout: i == 0, rounds, stoppingToken))
            .Append(ListenAsync(stoppingToken)));
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
                try { await _notified.WaitAsync(await UntilNextDueAsync(o, stoppingToken), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>
    /// How long the lookout may rest: until the next message falls due, at most PollIntervalMs (the fallback for a
    /// notification lost while the listening connection was down). A message due already was skipped as locked by another
    /// round's lease, which sends it; so a short pause, not a busy loop.
    /// </summary>
    private async Task<TimeSpan> UntilNextDueAsync(DeliveryOptions o, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(o.PollIntervalMs);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await MessageSql.NextDueAsync(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>(), stoppingToken) is not { } next)
                return poll;
            var wait = next - clock.GetUtcNow();
            return wait > poll ? poll : wait < MinimumRest ? MinimumRest : wait;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not read when the next notification message falls due");
            return poll;
        }
    }

    private static readonly TimeSpan MinimumRest = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Holds a connection of its own listening on <see cref="MessageSql.DueChannel"/> (<see cref="ListeningConnection"/>)
    /// and wakes the lookout for each notification and each reconnection.
    /// </summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
            connectionString = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Database.GetConnectionString()!;
        await ListeningConnection.RunAsync(connectionString, "addispay-notifications-listener", MessageSql.ListenAsync, Wake, logger,
            $"polling every {options.Value.Delivery.PollIntervalMs} ms", stoppingToken);
    }

    private void Wake()
    {
        // One pending wake-up is enough: the round it starts sees every message committed before it.
        try { _notified.Release(); }
        catch (SemaphoreFullException) { }
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
        // Leased and read in one statement. The lease's end is the round's token (see RenewLeaseAsync): PostgreSQL keeps
        // microseconds, so it is cut to them to compare equal.
        var leasedUntil = ToMicroseconds(now + Lease);
        var leased = await MessageSql.LeaseAsync(db, now, leasedUntil, o.BatchSize, ct);
        if (leased.Count == 0) return 0;

        var batch = leased.OrderBy(m => m.CreatedAt).ToList();
        var margin = TimeSpan.FromMilliseconds(o.LeaseMarginMs);
        try
        {
            foreach (var message in batch)
            {
                // The next send must end, and the batch be recorded, before the lease does: renew it for the whole batch
                // (sent ones too, until their outcome is recorded) once half the margin is spent. A quick batch never does.
                if (clock.GetUtcNow() + SendTimeout + margin / 2 > leasedUntil)
                {
                    var renewedUntil = ToMicroseconds(clock.GetUtcNow() + Lease);
                    var held = (await MessageSql.RenewLeaseAsync(db, batch.Select(m => m.Id).ToArray(), leasedUntil, renewedUntil, ct)).ToHashSet();
                    leasedUntil = renewedUntil;
                    foreach (var lost in batch.Where(m => !held.Contains(m.Id) && db.Entry(m).State != EntityState.Detached))
                    {
                        // Only a round paused past its lease (a stopped process, a starved machine) gets here.
                        logger.LogWarning("Message {MessageId} ({Template}, {Channel}) was leased by another round after this round's lease ran out; left to it",
                            lost.Id, lost.Template, lost.Channel);
                        db.Entry(lost).State = EntityState.Detached;
                    }
                }
                if (db.Entry(message).State == EntityState.Detached) continue;
                await SendOneAsync(scope.ServiceProvider, message, o, ct);
            }
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

    private static DateTimeOffset ToMicroseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

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
        // MailKit's timeout bounds each read and write, not the send (connect, greeting, authentication, the message):
        // the lease is only safe if the whole send ends within SendTimeout.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(SendTimeout);
        try
        {
            message.ProviderMessageId = message.Channel switch
            {
                Channels.Email => await services.GetRequiredService<SmtpMailer>().SendAsync(message.Recipient, message.Subject ?? "", message.Body, message.HtmlBody,
                    message.Promotional && message.UserId is { } userId ? services.GetRequiredService<UnsubscribeTokens>().Link(userId, message.SourceId) : null, limit.Token),
                Channels.Sms => await services.GetRequiredService<ISmsProvider>().SendAsync(message.Recipient, message.Body, limit.Token),
                _ => throw new InvalidOperationException($"Unknown channel '{message.Channel}'.")
            };
            message.Status = MessageStatus.Sent;
            message.SentAt = clock.GetUtcNow();
            message.LastError = null;
            Outcomes.WithLabels(message.Channel, "sent").Inc();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            message.LastError = limit.IsCancellationRequested ? $"TimeoutException: the send took longer than {SendTimeout.TotalMilliseconds} ms"
                : $"{ex.GetType().Name}: {ex.Message}" is var error && error.Length > 2000 ? error[..2000] : error;
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
