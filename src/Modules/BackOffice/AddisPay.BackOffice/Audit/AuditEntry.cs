namespace AddisPay.BackOffice.Audit;

/// <summary>
/// One staff action that succeeded: who (user id and e-mail as signed in), when, what, on what, and the target before and
/// after as JSON. Rows are only added, never changed.
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
}
