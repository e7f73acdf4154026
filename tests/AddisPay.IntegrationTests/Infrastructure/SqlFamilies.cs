using AddisPay.Shared.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// One in-process platform for the read-back tests of the modules' SQL families (<c>*SqlTests</c>): each test writes rows
/// through a family's SQL and reads them back through the module's DbContext, or the reverse. Tests make their own rows
/// (fresh ids), so they share the platform without meeting.
/// </summary>
public sealed class SqlFamilies : IDisposable
{
    public const string Collection = "SqlFamilies";

    /// <summary>
    /// The tests' "now": to the microsecond, as PostgreSQL keeps it, and UTC, as the modules write it. Real time, because the
    /// platform's own sweepers (expired holds, keys, throttles) look at the rows too.
    /// </summary>
    public static readonly DateTimeOffset Now = new(DateTimeOffset.UtcNow.UtcTicks / 10 * 10, TimeSpan.Zero);

    public PlatformFactory Factory { get; } = new();

    /// <summary>Runs <paramref name="body"/> in a module's unit of work, in its transaction, and commits it.</summary>
    public async Task<T> InWorkAsync<TContext, T>(Func<ModuleWork<TContext>, Task<T>> body) where TContext : DbContext
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<ModuleWork<TContext>>();
        await work.BeginAsync(CancellationToken.None);
        var result = await body(work);
        await work.CompleteAsync(CancellationToken.None);
        return result;
    }

    /// <inheritdoc cref="InWorkAsync{TContext, T}"/>
    public Task InWorkAsync<TContext>(Func<ModuleWork<TContext>, Task> body) where TContext : DbContext =>
        InWorkAsync<TContext, bool>(async work => { await body(work); return true; });

    /// <summary>A fresh context of the module (nothing tracked), for writing rows the SQL reads or reading back what it wrote.</summary>
    public async Task<T> WithContextAsync<TContext, T>(Func<TContext, Task<T>> body) where TContext : DbContext
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await body(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    /// <summary>Saves <paramref name="entities"/> through a fresh context of the module.</summary>
    public Task SaveAsync<TContext>(params object[] entities) where TContext : DbContext =>
        WithContextAsync<TContext, int>(db =>
        {
            db.AddRange(entities);
            return db.SaveChangesAsync();
        });

    /// <summary>Runs <paramref name="body"/> as an inbox handler does: in a transaction of its own, its queued writes sent before it commits.</summary>
    public async Task InInboxAsync(Func<IntegrationEventContext, Task> body)
    {
        _ = Factory.Services; // starts the platform (migrating every schema) if no test of the collection has yet
        await using var conn = new NpgsqlConnection(Factory.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var context = new IntegrationEventContext(conn, tx, 0, 1);
        await body(context);
        await context.FlushAsync(CancellationToken.None);
        await tx.CommitAsync();
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(SqlFamilies.Collection)]
public sealed class SqlFamiliesCollection : ICollectionFixture<SqlFamilies>;
