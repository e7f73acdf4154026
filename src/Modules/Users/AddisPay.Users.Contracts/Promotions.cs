using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Users.Contracts;

/// <summary>
/// A page of users who opted in to promotions and verified their email, ordered by id: pass the last id of a page
/// as <paramref name="After"/> to get the next. For Notifications' campaigns.
/// </summary>
public sealed record ListPromotionRecipients(Guid? After, int Limit) : IQuery<IReadOnlyList<UserContact>>;

/// <summary>The user no longer wants promotions (an unsubscribe link). Idempotent; false when the user does not exist.</summary>
public sealed record OptOutOfPromotions(Guid UserId) : ICommand<bool>, IIdempotentCommand;
