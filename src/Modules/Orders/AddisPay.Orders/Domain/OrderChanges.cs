namespace AddisPay.Orders.Domain;

/// <summary>
/// Runs one change of an order made over the API: the order is locked, changed, saved and its events
/// raised in the use case's unit of work, which commits them together: a change and the news of it are never separated.
/// </summary>
internal sealed class OrderChanges(OrdersDbContext db, ModuleWork<OrdersDbContext> work, TimeProvider clock)
{
    /// <param name="answered">Given the answer before the commit, to be stored in the same transaction (an Idempotency-Key's answer).</param>
    public async Task<OrderView> ApplyAsync(Guid orderId, Guid userId, bool staff,
        Func<Order, DateTimeOffset, Task<IReadOnlyCollection<IntegrationEvent>>> change, CancellationToken ct, Func<OrderView, Task>? answered = null)
    {
        await work.BeginAsync(ct);
        var order = await db.LockForAsync(orderId, userId, staff, ct);
        work.Raise(await change(order, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        var view = OrderView.From(order, await db.RefundsOfAsync(order.Id, ct));
        if (answered is not null) await answered(view);
        return view;
    }
}
