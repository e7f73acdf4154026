using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AddisPay.Shared.Data;

/// <summary>
/// EF Core wraps every SaveChanges inside an open transaction in a savepoint, so that a failed SaveChanges
/// could be retried within the same transaction: two more database round trips each time (measured at 7% of
/// the Host's CPU during checkout). No code here retries inside a transaction: a failure rolls the whole
/// transaction back (or the connection's transaction is abandoned), so the savepoints are skipped.
/// </summary>
public sealed class WithoutSavepoints : DbTransactionInterceptor
{
    public static readonly WithoutSavepoints Instance = new();

    public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

    public override InterceptionResult ReleasingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

    // Nothing to roll back to: the caller rolls the transaction back.
    public override InterceptionResult RollingBackToSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> RollingBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());
}
