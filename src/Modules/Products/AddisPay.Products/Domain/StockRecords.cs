using AddisPay.Products.Contracts;

namespace AddisPay.Products.Domain;

/// <summary>A hold on stock for one checkout, across one or more SKUs.</summary>
internal sealed class StockReservation
{
    public Guid Id { get; set; }
    public ReservationStatus Status { get; set; }
    public List<ReservedLine> Lines { get; set; } = [];
    public string? Reference { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? SettledAt { get; set; }

    public Reservation ToContract() => new(Id, Status, Lines.Select(l => new StockLine(l.Sku, l.Quantity)).ToList(), ExpiresAt, Reference);
}

internal sealed class ReservedLine
{
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
}

/// <summary>The audit trail of stock: every change of on-hand or reserved quantity, with its reason and actor.</summary>
internal sealed class StockMovement
{
    public long Id { get; set; }
    public Guid VariantId { get; set; }
    public string Sku { get; set; } = "";
    public int OnHandDelta { get; set; }
    public int ReservedDelta { get; set; }
    public string Reason { get; set; } = "";
    public string? Note { get; set; }
    public string Actor { get; set; } = "";
    public Guid? ReservationId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>A staff adjustment's idempotency key (staff id and the form's key): unique, so a double submit moves stock once.</summary>
    public string? RequestKey { get; set; }
}

/// <summary>Units of one SKU of a sale put back on the shelf by one return (part of an order cancelled before it shipped).</summary>
internal sealed class StockReturn
{
    public Guid ReturnId { get; set; }
    public string Sku { get; set; } = "";
    public Guid ReservationId { get; set; }
    public int Quantity { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
