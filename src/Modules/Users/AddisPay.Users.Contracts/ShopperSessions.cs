using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Users.Contracts;

// A shop front's sessions: it keeps the session's refresh token in its own signed cookie and speaks for the shopper with
// the user id these answers give. The rules are the API's own (throttling, no account enumeration, refresh rotation with
// replay detection); failures come as UnauthenticatedException (wrong password, ended session), LockedException,
// TooManyRequestsException and ValidationFailedException, in one process and across pods alike.

/// <summary>Signs a shopper in; the visitor's cart, if any, becomes theirs (merged with the one they had).</summary>
public sealed record SignInShopper(string Email, string Password, Guid? VisitorCartId) : ICommand<ShopperSession>;

/// <summary>Spends the session's refresh token for the next one (and fresh roles), as the API's token refresh does.</summary>
public sealed record RenewShopperSession(string RefreshToken) : ICommand<ShopperSession>;

/// <summary>Ends the session the refresh token belongs to, everywhere (a token already spent or unknown ends nothing).</summary>
public sealed record EndShopperSession(string RefreshToken) : ICommand<ShopperSessionEnded>, IIdempotentCommand;

public sealed record ShopperSessionEnded(bool Ended);

/// <param name="RenewAfter">When to renew it (the life of an access token): roles and locks are read again then.</param>
/// <param name="ExpiresAt">When the refresh token, and with it the session, ends unless renewed.</param>
/// <param name="PreferredLanguage">The profile's language (en/am), given at sign-in so the shop speaks it from the first page; null on renewal.</param>
public sealed record ShopperSession(Guid UserId, Guid SessionId, string Email, bool EmailVerified, IReadOnlyList<string> Roles,
    string RefreshToken, DateTimeOffset RenewAfter, DateTimeOffset ExpiresAt, string? PreferredLanguage = null);

/// <summary>
/// Registers a shopper. Answered alike whether or not the address already has an account (what happens next is in the
/// email the address gets), so it cannot be used to find out who shops here.
/// </summary>
public sealed record RegisterShopper(string Email, string Password, string FullName, string? Phone, string Language, bool AcceptPromotions)
    : ICommand<ShopperRegistrationReceived>;

public sealed record ShopperRegistrationReceived(string Next);

/// <summary>Confirms an email address with the token of the link the shopper was emailed.</summary>
public sealed record ConfirmShopperEmail(string Token) : ICommand<ShopperEmailConfirmed>;

public sealed record ShopperEmailConfirmed(bool Confirmed);

/// <summary>Sends a fresh verification link; silent (and limited) for addresses without an unverified account.</summary>
public sealed record ResendShopperVerification(string Email) : ICommand<ShopperVerificationResent>;

public sealed record ShopperVerificationResent(bool Accepted);
