using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.BackOffice.Audit;

/// <summary>A staff action as the audit log keeps it: who, what, on what, under which form key, and the state before.</summary>
internal sealed record StaffActionRecord(Guid StaffId, string StaffEmail, string Action, string Target, string? Key, object? Before);

/// <summary>What to record once the owning module said yes: the state after, and the target or state before if the answer names them better.</summary>
internal sealed record AuditedOutcome(object? After, string? Target = null, object? Before = null);

internal static class AuditedActions
{
    /// <summary>
    /// Sends a staff action with its audit entry around it. With the form's key the entry is on record (requested) before
    /// the action is sent, so a crash before the answer leaves the request in the log, and the same form sent again
    /// completes that entry once. Then it is done with the state after, or refused with the module's reason (the failure
    /// is rethrown for the page to show). A module that cannot be reached leaves it requested: the outcome is unknown.
    /// <paramref name="done"/> answers null when nothing changed and there is no key to complete (a repeat of a form
    /// without one): nothing is recorded then.
    /// </summary>
    public static async Task<T> SendAuditedAsync<T>(this ISender sender, StaffActionRecord action, Func<ValueTask<T>> send, Func<T, AuditedOutcome?> done)
    {
        if (action.Key is not null)
            await sender.Send(new BeginStaffAction(action.StaffId, action.StaffEmail, action.Action, action.Target, action.Key, action.Before));
        T result;
        try
        {
            result = await send();
        }
        catch (ValidationFailedException e)
        {
            await RefuseAsync(sender, action, string.Join(" ", e.Errors.SelectMany(f => f.Value)));
            throw;
        }
        catch (BusinessRuleException e)
        {
            await RefuseAsync(sender, action, e.Message);
            throw;
        }
        if (done(result) is { } outcome)
            await sender.Send(new RecordStaffAction(action.StaffId, action.StaffEmail, action.Action, outcome.Target ?? action.Target,
                outcome.Before ?? action.Before, outcome.After, action.Key));
        else if (action.Key is not null)
            await sender.Send(new RecordStaffAction(action.StaffId, action.StaffEmail, action.Action, action.Target, action.Before, null, action.Key));
        return result;
    }

    /// <summary>The form's key as the audit log ties a request to its answer: none when the form sent none.</summary>
    public static string? KeyOf(string? posted) => string.IsNullOrWhiteSpace(posted) ? null : posted.Trim();

    private static async Task RefuseAsync(ISender sender, StaffActionRecord action, string reason)
    {
        if (action.Key is not null) await sender.Send(new RefuseStaffAction(action.Action, action.Key, reason));
    }
}
