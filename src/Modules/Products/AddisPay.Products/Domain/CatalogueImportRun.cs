namespace AddisPay.Products.Domain;

/// <summary>One import by a staff member's form: its key and, once done, its report (replayed to a second submit).</summary>
internal sealed class CatalogueImportRun
{
    /// <summary>The staff member's id and the form's idempotency key.</summary>
    public string Key { get; set; } = "";
    public Guid StaffId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The report as JSON; null while the import runs (its transaction holds the row).</summary>
    public string? Report { get; set; }
}
