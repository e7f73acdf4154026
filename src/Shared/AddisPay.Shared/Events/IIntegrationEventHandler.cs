using Microsoft.EntityFrameworkCore;
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

public static class IntegrationEventContextExtensions
{
    /// <summary>
    /// A module's EF Core context working inside the inbox transaction, so the handler's changes and the
    /// event's deduplication mark commit together. Dispose it when done; the connection stays open.
    /// </summary>
    public static async Task<TContext> EnlistAsync<TContext>(this IntegrationEventContext context, CancellationToken ct) where TContext : Microsoft.EntityFrameworkCore.DbContext
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<TContext>().UseNpgsql(context.Connection)
            .AddInterceptors(Data.WithoutSavepoints.Instance).Options;
        var db = (TContext)Activator.CreateInstance(typeof(TContext), options)!;
        await db.Database.UseTransactionAsync(context.Transaction, ct);
        return db;
    }
}
