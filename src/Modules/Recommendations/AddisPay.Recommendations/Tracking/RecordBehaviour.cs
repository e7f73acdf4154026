using AddisPay.Cart.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Recommendations.Scoring;
using AddisPay.Reviews.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Users.Contracts;
using Npgsql;

namespace AddisPay.Recommendations.Tracking;

/// <summary>
/// Cart additions, paid orders and ratings become behaviour, inside the inbox transaction (so a redelivered event
/// counts once). A visitor's cart stands for the visitor until they sign in.
/// </summary>
internal sealed class RecordBehaviour :
    IIntegrationEventHandler<CartItemAdded>, IIntegrationEventHandler<OrderPaid>, IIntegrationEventHandler<ProductRated>,
    IIntegrationEventHandler<UserSignedIn>, IIntegrationEventHandler<UserDeleted>
{
    public Task HandleAsync(CartItemAdded e, IntegrationEventContext ctx, CancellationToken ct) =>
        Interactions.RecordAsync(ctx.Connection, ctx.Transaction, e.UserId is { } user ? Interactions.OfUser(user) : Interactions.OfCart(e.CartId),
            e.UserId, [e.ProductId], BehaviourKind.Cart, e.OccurredAt, ct);

    public Task HandleAsync(OrderPaid e, IntegrationEventContext ctx, CancellationToken ct) =>
        Interactions.RecordAsync(ctx.Connection, ctx.Transaction, Interactions.OfUser(e.CustomerId), e.CustomerId,
            e.Lines.Select(l => l.ProductId).ToList(), BehaviourKind.Purchase, e.OccurredAt, ct);

    /// <summary>
    /// The customer's current rating replaces the one kept before: 4–5 stars is liked, 1–2 disliked, 3 or a withdrawn
    /// rating (deleted, hidden, pending) leaves no signal. Reviews publishes a product's ratings in commit order.
    /// </summary>
    public async Task HandleAsync(ProductRated e, IntegrationEventContext ctx, CancellationToken ct)
    {
        var subject = Interactions.OfUser(e.CustomerId);
        await using (var cmd = new NpgsqlCommand("""
            delete from recommendations.interactions where "Subject" = @subject and "ProductId" = @product and "Kind" = any(@kinds)
            """, ctx.Connection, ctx.Transaction))
        {
            cmd.Parameters.AddWithValue("subject", subject);
            cmd.Parameters.AddWithValue("product", e.ProductId);
            cmd.Parameters.AddWithValue("kinds", new[] { (short)BehaviourKind.Liked, (short)BehaviourKind.Disliked });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        BehaviourKind? kind = !e.Visible ? null : e.Rating switch { >= 4 => BehaviourKind.Liked, <= 2 => BehaviourKind.Disliked, _ => null };
        if (kind is { } k) await Interactions.RecordAsync(ctx.Connection, ctx.Transaction, subject, e.CustomerId, [e.ProductId], k, e.OccurredAt, ct);
    }

    /// <summary>The visitor's cart becomes the customer's (as Cart merges it): what they added before signing in now shapes their list.</summary>
    public async Task HandleAsync(UserSignedIn e, IntegrationEventContext ctx, CancellationToken ct)
    {
        if (e.AnonymousCartId is not { } cartId) return;
        await using var cmd = new NpgsqlCommand("""
            insert into recommendations.interactions ("Subject", "ProductId", "Kind", "UserId", "Count", "FirstAt", "LastAt")
            select @user, "ProductId", "Kind", @userId, "Count", "FirstAt", "LastAt" from recommendations.interactions where "Subject" = @cart
            on conflict ("Subject", "ProductId", "Kind") do update
               set "Count" = least(interactions."Count" + excluded."Count", 1000000), "FirstAt" = least(interactions."FirstAt", excluded."FirstAt"),
                   "LastAt" = greatest(interactions."LastAt", excluded."LastAt");
            delete from recommendations.interactions where "Subject" = @cart;
            """, ctx.Connection, ctx.Transaction);
        cmd.Parameters.AddWithValue("user", Interactions.OfUser(e.UserId));
        cmd.Parameters.AddWithValue("userId", e.UserId);
        cmd.Parameters.AddWithValue("cart", Interactions.OfCart(cartId));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Erasure: the customer's history and their list go; what they taught the item model goes at the next recompute.</summary>
    public async Task HandleAsync(UserDeleted e, IntegrationEventContext ctx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            delete from recommendations.interactions where "UserId" = @user;
            delete from recommendations.user_recommendations where "UserId" = @user;
            delete from recommendations.withheld where "Subject" = @subject;
            """, ctx.Connection, ctx.Transaction);
        cmd.Parameters.AddWithValue("user", e.UserId);
        cmd.Parameters.AddWithValue("subject", Interactions.OfUser(e.UserId));
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
