namespace AddisPay.Shared.Contracts;

/// <summary>
/// A fact one module publishes for others. Published in the same transaction as the state change
/// that caused it, delivered at least once, in order per <see cref="StreamId"/>.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Subscribers deduplicate on this id, so a redelivered event is applied once.</summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The aggregate the event is about; ordering is guaranteed per stream.</summary>
    public abstract Guid StreamId { get; }
}
