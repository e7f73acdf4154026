using AddisPay.Cart.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Reviews.Contracts;
using AddisPay.Users.Contracts;

namespace AddisPay.Recommendations.RecordBehaviour;

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
        InteractionSql.Record(ctx, e.UserId is { } user ? Interactions.OfUser(user) : Interactions.OfCart(e.CartId), e.UserId, [e.ProductId],
            BehaviourKind.Cart, e.OccurredAt);
        return Task.CompletedTask;
    }

    public Task HandleAsync(OrderPaid e, IntegrationEventContext ctx, CancellationToken ct)
    {
        InteractionSql.Record(ctx, Interactions.OfUser(e.CustomerId), e.CustomerId, e.Lines.Select(l => l.ProductId).ToList(), BehaviourKind.Purchase,
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
        InteractionSql.ForgetRating(ctx, subject, e.ProductId);
        BehaviourKind? kind = !e.Visible ? null : e.Rating switch { >= 4 => BehaviourKind.Liked, <= 2 => BehaviourKind.Disliked, _ => null };
        if (kind is { } k) InteractionSql.Record(ctx, subject, e.CustomerId, [e.ProductId], k, e.OccurredAt);
        return Task.CompletedTask;
    }

    /// <summary>The visitor's cart becomes the customer's (as Cart merges it): what they added before signing in now shapes their list.</summary>
    public Task HandleAsync(UserSignedIn e, IntegrationEventContext ctx, CancellationToken ct)
    {
        if (e.AnonymousCartId is not { } cartId) return Task.CompletedTask;
        // Queued after this transaction's earlier writes, so the cart's additions just recorded move too.
        InteractionSql.MoveToCustomer(ctx, Interactions.OfCart(cartId), Interactions.OfUser(e.UserId), e.UserId);
        return Task.CompletedTask;
    }

    /// <summary>Erasure: the customer's history and their list go; what they taught the item model goes at the next recompute.</summary>
    public Task HandleAsync(UserDeleted e, IntegrationEventContext ctx, CancellationToken ct)
    {
        InteractionSql.Erase(ctx, e.UserId, Interactions.OfUser(e.UserId));
        return Task.CompletedTask;
    }
}
