using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Notifications.Contracts;

/// <summary>
/// Tells the customer by email (and SMS) when the product, or one variant of it, can be bought again. Watching twice is
/// one watch, so a retried request is harmless. 404 when no such product is sold.
/// </summary>
public sealed record WatchBackInStock(Guid UserId, Guid ProductId, string? Sku = null) : ICommand<BackInStockWatch>, IIdempotentCommand;

public sealed record BackInStockWatch(Guid ProductId, string? Sku);
