using AddisPay.Shared.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// One in-process platform for the read-back tests of the modules' SQL families (<c>*SqlTests</c>): each test writes rows
/// through a family's SQL and reads them back through the module's DbContext, or the reverse. Tests make their own rows
/// (fresh ids), so they share the platform without meeting.
/// </summary>
public sealed class SqlFamilies : IDisposable
{
    public const string Collection = "SqlFamilies";

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

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(SqlFamilies.Collection)]
public sealed class SqlFamiliesCollection : ICollectionFixture<SqlFamilies>;
