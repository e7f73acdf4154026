using Mediator;

namespace AddisPay.Cart.Contracts;

/// <summary>The carts a user owns, for the account export.</summary>
public sealed record GetCartsOfUser(Guid UserId) : IQuery<IReadOnlyList<CartSummary>>;
