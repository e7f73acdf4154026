namespace AddisPay.BackOffice.Audit;

/// <summary>
/// One staff action: who (user id and e-mail as signed in), when, what, on what, and the target before and after as JSON.
/// An action sent with its form's idempotency key is written before it is sent (<see cref="AuditOutcome.Requested"/>) and
/// completed when the owning module answers, so a crash between the two leaves the request on record rather than nothing;
/// a row is never deleted, and only its outcome and after-state are ever filled in.
/// </summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid StaffId { get; set; }
    public string StaffEmail { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>order.processing, order.shipped, order.delivered, order.cancelled, order.refunded; product.created, product.updated, product.published, product.archived, product.image_added, product.image_removed.</summary>
    public string Action { get; set; } = "";
    /// <summary>What was acted on, e.g. order:AP001234.</summary>
    public string Target { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    /// <summary>The form's idempotency key: one entry per key and action, however often the form is submitted.</summary>
    public string? Key { get; set; }
    public string Outcome { get; set; } = AuditOutcome.Done;
    /// <summary>When the owning module's answer was recorded (null while <see cref="AuditOutcome.Requested"/>).</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}

internal static class AuditOutcome
{
    /// <summary>Sent to the owning module; its answer is not recorded (yet, or ever: the process stopped in between).</summary>
    public const string Requested = "requested";
    public const string Done = "done";
    /// <summary>The owning module refused it (a business rule, a validation); nothing changed.</summary>
    public const string Refused = "refused";
}
