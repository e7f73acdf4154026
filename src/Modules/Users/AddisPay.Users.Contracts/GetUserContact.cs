using Mediator;

namespace AddisPay.Users.Contracts;

/// <summary>How to reach a user and what they agreed to receive, for modules that notify them.</summary>
public sealed record GetUserContact(Guid UserId) : IQuery<UserContact?>;

public sealed record UserContact(Guid UserId, string Email, bool EmailVerified, string FullName, string? Phone, string PreferredLanguage,
    bool NotifyOrderUpdates, bool NotifyPromotions);
