namespace AddisPay.Products.Domain;

/// <summary>A SKU's stock as the admin API answers it: reading it and adjusting it answer the same.</summary>
public sealed record StockView(string Sku, Guid ProductId, int OnHand, int Reserved, int Available, IReadOnlyList<MovementView> Movements);

public sealed record MovementView(int OnHandDelta, int ReservedDelta, string Reason, string? Note, string Actor, Guid? ReservationId, DateTimeOffset At);
