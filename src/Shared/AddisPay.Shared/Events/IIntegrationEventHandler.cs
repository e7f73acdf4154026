using AddisPay.Shared.Contracts;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>Handles one integration event inside the subscribing module.</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    /// <summary>
    /// Make every change through <see cref="IntegrationEventContext.Transaction"/>: it also records the
    /// event as processed, so the change and the deduplication mark commit or roll back together.
    /// </summary>
    Task HandleAsync(TEvent @event, IntegrationEventContext context, CancellationToken ct);
}

public sealed record IntegrationEventContext(
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction,
    long Sequence,
    int Attempt);
