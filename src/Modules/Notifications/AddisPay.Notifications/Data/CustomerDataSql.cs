namespace AddisPay.Notifications.Data;

/// <summary>
/// What the module keeps about a customer (<c>notifications.watches</c>, <c>purchases</c>, <c>orders</c>,
/// <c>product_categories</c> and the customer's messages, mapped by <see cref="NotificationsDbContext"/>): rows kept from
/// other modules' events, written once whatever the redeliveries (<c>on conflict</c>), watches handed out once when stock
/// returns (<c>delete … returning</c>), and a deleted account's data erased in one round trip. EF Core has no upsert and
/// no delete that reads; no benchmark measured them.
/// </summary>
internal static class CustomerDataSql
{
    /// <summary>Removes the product's watches that the restocked SKU satisfies; answers with who watched it, and the names they saw.</summary>
    public static async Task<List<(Guid UserId, string Name, string NameAm)>> TakeWatchesAsync(ModuleWork<NotificationsDbContext> work, Guid productId, string sku,
        CancellationToken ct)
    {
        var watchers = new List<(Guid UserId, string Name, string NameAm)>();
        await using var cmd = work.Command("""
            delete from notifications.watches where "ProductId" = @product and ("Sku" is null or "Sku" = @sku)
            returning "UserId", "ProductName", "ProductNameAm"
            """);
        cmd.Parameters.AddWithValue("product", productId);
        cmd.Parameters.AddWithValue("sku", sku);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) watchers.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        return watchers;
    }

    /// <summary>Queues the order's number and customer (kept once), for the inbox's last round trip.</summary>
    public static void DeferOrder(IntegrationEventContext context, Guid orderId, string number, Guid customerId) =>
        context.Defer("""
            insert into notifications.orders ("OrderId", "OrderNumber", "CustomerId") values (@order, @number, @customer)
            on conflict ("OrderId") do nothing
            """, ("order", orderId), ("number", number), ("customer", customerId));

    /// <summary>Queues a customer's purchase of a product (kept once), for the inbox's last round trip.</summary>
    public static void DeferPurchase(IntegrationEventContext context, Guid orderId, Guid productId, Guid userId, DateTimeOffset paidAt) =>
        context.Defer("""
            insert into notifications.purchases ("OrderId", "ProductId", "UserId", "PaidAt") values (@order, @product, @user, @at)
            on conflict do nothing
            """, ("order", orderId), ("product", productId), ("user", userId), ("at", paidAt));

    /// <summary>Keeps the product's category path (its slugs, root first), replacing the one kept before.</summary>
    public static async Task KeepCategoriesAsync(ModuleWork<NotificationsDbContext> work, Guid productId, string[] slugs, CancellationToken ct)
    {
        await using var cmd = work.Command("""
            insert into notifications.product_categories ("ProductId", "CategorySlugs") values (@product, @slugs)
            on conflict ("ProductId") do update set "CategorySlugs" = excluded."CategorySlugs"
            """);
        cmd.Parameters.AddWithValue("product", productId);
        cmd.Parameters.AddWithValue("slugs", slugs);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A deleted account's watches, purchases, unsubscribes counted for campaigns and unsent messages go; the sent messages stay in the delivery log with their
    /// recipient and content erased.
    /// </summary>
    public static async Task EraseAsync(ModuleWork<NotificationsDbContext> work, Guid userId, CancellationToken ct)
    {
        await using var cmd = work.Command("""
            delete from notifications.watches where "UserId" = @user;
            delete from notifications.purchases where "UserId" = @user;
            delete from notifications.campaign_unsubscribes where "UserId" = @user;
            delete from notifications.messages where "UserId" = @user and "Status" in ('queued', 'failed');
            update notifications.messages set "Recipient" = 'erased:' || "Id", "Subject" = null, "Body" = '', "HtmlBody" = null, "LastError" = null
             where "UserId" = @user;
            """);
        cmd.Parameters.AddWithValue("user", userId);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
