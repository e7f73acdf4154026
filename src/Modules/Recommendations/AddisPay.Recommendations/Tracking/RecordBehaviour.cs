using AddisPay.Cart.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Recommendations.Scoring;
using AddisPay.Reviews.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Users.Contracts;

namespace AddisPay.Recommendations.Tracking;

/// <summary>
/// Cart additions, paid orders and ratings become behaviour, inside the inbox transaction (so a redelivered event
/// counts once). A visitor's cart stands for the visitor until they sign in. Nothing here reads what it writes, so the
/// writes are queued and go with the transaction's others in one round trip.
/// </summary>
internal sealed class RecordBehaviour :
    IIntegrationEventHandler<CartItemAdded>, IIntegrationEventHandler<OrderPaid>, IIntegrationEventHandler<ProductRated>,
    IIntegrationEventHandler<UserSignedIn>, IIntegrationEventHandler<UserDeleted>, IDefersWrites
{
    public Task HandleAsync(CartItemAdded e, IntegrationEventContext ctx, CancellationToken ct)
    {
        Interactions.Record(ctx, e.UserId is { } user ? Interactions.OfUser(user) : Interactions.OfCart(e.CartId), e.UserId, [e.ProductId],
            BehaviourKind.Cart, e.OccurredAt);
        return Task.CompletedTask;
    }

    public Task HandleAsync(OrderPaid e, IntegrationEventContext ctx, CancellationToken ct)
    {
        Interactions.Record(ctx, Interactions.OfUser(e.CustomerId), e.CustomerId, e.Lines.Select(l => l.ProductId).ToList(), BehaviourKind.Purchase,
            e.OccurredAt);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The customer's current rating replaces the one kept before: 4–5 stars is liked, 1–2 disliked, 3 or a withdrawn
    /// rating (deleted, hidden, pending) leaves no signal. Reviews publishes a product's ratings in commit order.
    /// </summary>
    public Task HandleAsync(ProductRated e, IntegrationEventContext ctx, CancellationToken ct)
    {
        var subject = Interactions.OfUser(e.CustomerId);
        ctx.Defer("""
            delete from recommendations.interactions where "Subject" = @subject and "ProductId" = @product and "Kind" = any(@kinds)
            """, ("subject", subject), ("product", e.ProductId), ("kinds", new[] { (short)BehaviourKind.Liked, (short)BehaviourKind.Disliked }));
        BehaviourKind? kind = !e.Visible ? null : e.Rating switch { >= 4 => BehaviourKind.Liked, <= 2 => BehaviourKind.Disliked, _ => null };
        if (kind is { } k) Interactions.Record(ctx, subject, e.CustomerId, [e.ProductId], k, e.OccurredAt);
        return Task.CompletedTask;
    }

    /// <summary>The visitor's cart becomes the customer's (as Cart merges it): what they added before signing in now shapes their list.</summary>
    public Task HandleAsync(UserSignedIn e, IntegrationEventContext ctx, CancellationToken ct)
    {
        if (e.AnonymousCartId is not { } cartId) return Task.CompletedTask;
        // Queued after this transaction's earlier writes, so the cart's additions just recorded move too.
        ctx.Defer("""
            insert into recommendations.interactions ("Subject", "ProductId", "Kind", "UserId", "Count", "FirstAt", "LastAt")
            select @user, "ProductId", "Kind", @userId, "Count", "FirstAt", "LastAt" from recommendations.interactions where "Subject" = @cart
            on conflict ("Subject", "ProductId", "Kind") do update
               set "Count" = least(interactions."Count" + excluded."Count", 1000000), "FirstAt" = least(interactions."FirstAt", excluded."FirstAt"),
                   "LastAt" = greatest(interactions."LastAt", excluded."LastAt")
            """, ("user", Interactions.OfUser(e.UserId)), ("userId", e.UserId), ("cart", Interactions.OfCart(cartId)));
        ctx.Defer("""delete from recommendations.interactions where "Subject" = @cart""", ("cart", Interactions.OfCart(cartId)));
        return Task.CompletedTask;
    }

    /// <summary>Erasure: the customer's history and their list go; what they taught the item model goes at the next recompute.</summary>
    public Task HandleAsync(UserDeleted e, IntegrationEventContext ctx, CancellationToken ct)
    {
        ctx.Defer("""delete from recommendations.interactions where "UserId" = @user""", ("user", e.UserId));
        ctx.Defer("""delete from recommendations.user_recommendations where "UserId" = @user""", ("user", e.UserId));
        ctx.Defer("""delete from recommendations.withheld where "Subject" = @subject""", ("subject", Interactions.OfUser(e.UserId)));
        return Task.CompletedTask;
    }
}
