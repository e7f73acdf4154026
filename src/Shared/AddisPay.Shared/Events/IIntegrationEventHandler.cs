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
        var db = (TContext)Activator.CreateInstance(typeof(TContext), EnlistedOptions<TContext>.Value)!;
        db.Database.SetDbConnection(context.Connection);
        await db.Database.UseTransactionAsync(context.Transaction, ct);
        return db;
    }

    // Built once per context type: new options on every event made EF Core look up its internal services by
    // comparing option sets each time. The connection is given to each context instead.
    private static class EnlistedOptions<TContext> where TContext : Microsoft.EntityFrameworkCore.DbContext
    {
        public static readonly Microsoft.EntityFrameworkCore.DbContextOptions<TContext> Value =
            new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<TContext>().UseNpgsql()
                .AddInterceptors(Data.WithoutSavepoints.Instance).Options;
    }
}
