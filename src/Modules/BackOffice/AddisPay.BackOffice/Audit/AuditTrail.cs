using System.Text.Json;
using AddisPay.BackOffice.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.BackOffice.Audit;

/// <summary>Records a staff action that succeeded (the page sends it after the owning module said yes).</summary>
internal sealed record RecordStaffAction(Guid StaffId, string StaffEmail, string Action, string Target, object? Before, object? After) : ICommand<long>;

/// <summary>The audit log, newest first, by staff e-mail (exact, any case), action and time [From, To). Page from 1.</summary>
internal sealed record ListAuditEntries(string? StaffEmail, string? Action, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize)
    : IQuery<AuditPage>;

internal sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Page, int PageSize, int Total);

internal sealed class AuditTrail(ModuleWork<BackOfficeDbContext> work, BackOfficeDbContext db, TimeProvider clock)
    : ICommandHandler<RecordStaffAction, long>, IQueryHandler<ListAuditEntries, AuditPage>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<long> Handle(RecordStaffAction command, CancellationToken ct)
    {
        var entry = new AuditEntry
        {
            StaffId = command.StaffId, StaffEmail = command.StaffEmail.Trim().ToLowerInvariant(), At = clock.GetUtcNow(), Action = command.Action,
            Target = command.Target, Before = command.Before is null ? null : JsonSerializer.Serialize(command.Before, Json),
            After = command.After is null ? null : JsonSerializer.Serialize(command.After, Json)
        };
        work.Db.AuditEntries.Add(entry);
        await work.Db.SaveChangesAsync(ct);
        return entry.Id;
    }

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
