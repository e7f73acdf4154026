using System.Text.Json;
using AddisPay.BackOffice.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.BackOffice.Audit;

/// <summary>
/// Records that a staff member is sending an action under its form's idempotency key, before it is sent: written and
/// committed first, so a crash before the answer is recorded leaves the request on record. Once per key and action.
/// </summary>
internal sealed record BeginStaffAction(Guid StaffId, string StaffEmail, string Action, string Target, string Key, object? Before) : ICommand<long>;

/// <summary>
/// Records a staff action that succeeded (the page sends it after the owning module said yes). With the form's key it
/// completes the entry <see cref="BeginStaffAction"/> wrote, once: a replayed submit, sent again after a crash, completes an
/// entry the first submit left requested and changes nothing on one already done.
/// </summary>
internal sealed record RecordStaffAction(Guid StaffId, string StaffEmail, string Action, string Target, object? Before, object? After, string? Key = null)
    : ICommand<long>;

/// <summary>The owning module refused the action sent under <paramref name="Key"/>: its entry says so (nothing changed).</summary>
internal sealed record RefuseStaffAction(string Action, string Key, string Reason) : ICommand;

/// <summary>The audit log, newest first, by staff e-mail (exact, any case), action and time [From, To). Page from 1.</summary>
internal sealed record ListAuditEntries(string? StaffEmail, string? Action, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize)
    : IQuery<AuditPage>;

internal sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Page, int PageSize, int Total);

internal sealed class AuditTrail(ModuleWork<BackOfficeDbContext> work, BackOfficeDbContext db, TimeProvider clock)
    : ICommandHandler<BeginStaffAction, long>, ICommandHandler<RecordStaffAction, long>, ICommandHandler<RefuseStaffAction>,
      IQueryHandler<ListAuditEntries, AuditPage>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<long> Handle(BeginStaffAction command, CancellationToken ct)
    {
        if (await KeyedAsync(command.Action, command.Key, ct) is { } existing) return existing.Id;
        var entry = NewEntry(command.StaffId, command.StaffEmail, command.Action, command.Target, command.Before, after: null, command.Key, AuditOutcome.Requested);
        work.Db.AuditEntries.Add(entry);
        try
        {
            await work.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same form submitted twice at once: the other request wrote the entry.
            work.Db.ChangeTracker.Clear();
            return (await KeyedAsync(command.Action, command.Key, ct))!.Id;
        }
        return entry.Id;
    }

    public async ValueTask<long> Handle(RecordStaffAction command, CancellationToken ct)
    {
        if (command.Key is not null && await KeyedAsync(command.Action, command.Key, ct) is { } entry)
        {
            if (entry.Outcome != AuditOutcome.Done)
            {
                // The answer may name the target better than the request could (a new product's slug). The state before stays the
                // request's: a submit replayed after a crash sees the state the first one left, not the one before it.
                (entry.Outcome, entry.After, entry.CompletedAt, entry.Target) = (AuditOutcome.Done, Serialize(command.After), clock.GetUtcNow(), command.Target);
                entry.Before ??= Serialize(command.Before);
                await work.Db.SaveChangesAsync(ct);
            }
            return entry.Id;
        }
        var added = NewEntry(command.StaffId, command.StaffEmail, command.Action, command.Target, command.Before, command.After, command.Key, AuditOutcome.Done);
        added.CompletedAt = added.At;
        work.Db.AuditEntries.Add(added);
        await work.Db.SaveChangesAsync(ct);
        return added.Id;
    }

    public async ValueTask<Unit> Handle(RefuseStaffAction command, CancellationToken ct)
    {
        if (await KeyedAsync(command.Action, command.Key, ct) is { Outcome: AuditOutcome.Requested } entry)
        {
            (entry.Outcome, entry.After, entry.CompletedAt) = (AuditOutcome.Refused, Serialize(new { refused = command.Reason }), clock.GetUtcNow());
            await work.Db.SaveChangesAsync(ct);
        }
        return Unit.Value;
    }

    private Task<AuditEntry?> KeyedAsync(string action, string key, CancellationToken ct) =>
        work.Db.AuditEntries.SingleOrDefaultAsync(e => e.Action == action && e.Key == key, ct);

    private AuditEntry NewEntry(Guid staffId, string email, string action, string target, object? before, object? after, string? key, string outcome) => new()
    {
        StaffId = staffId, StaffEmail = email.Trim().ToLowerInvariant(), At = clock.GetUtcNow(), Action = action, Target = target,
        Before = Serialize(before), After = Serialize(after), Key = key, Outcome = outcome
    };

    private static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, Json);

    public async ValueTask<AuditPage> Handle(ListAuditEntries query, CancellationToken ct)
    {
        if (Paging.Errors(query.Page, query.PageSize) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.StaffEmail)) entries = entries.Where(e => e.StaffEmail == query.StaffEmail.Trim().ToLowerInvariant());
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(e => e.Action == query.Action.Trim());
        if (query.From?.ToUniversalTime() is { } from) entries = entries.Where(e => e.At >= from);
        if (query.To?.ToUniversalTime() is { } to) entries = entries.Where(e => e.At < to);
        var total = await entries.CountAsync(ct);
        var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new AuditPage(items, query.Page, query.PageSize, total);
    }
}
