using Mediator;

namespace AddisPay.Users.Contracts;

/// <summary>How to reach a user and what they agreed to receive, for modules that notify them.</summary>
public sealed record GetUserContact(Guid UserId) : IQuery<UserContact?>;

/// <summary>
/// The contacts of several users in one read, for a module that notifies many at once (the order emails of an inbox run,
/// a product's watchers). Unknown and deleted users are left out.
/// </summary>
public sealed record GetUserContacts(IReadOnlyList<Guid> UserIds) : IQuery<IReadOnlyList<UserContact>>;

public sealed record UserContact(Guid UserId, string Email, bool EmailVerified, string FullName, string? Phone, string PreferredLanguage,
    bool NotifyOrderUpdates, bool NotifyPromotions);

/// <summary>
/// The account with this e-mail address (any case), for staff looking a customer up in a back office; null when there is
/// none. Only for callers that checked the staff member's role: it tells whether an address has an account.
/// </summary>
public sealed record FindUserByEmail(string Email) : IQuery<UserContact?>;
