using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Users.Contracts;

// A shop front's account pages: the API's own rules (throttled reset emails answered alike for every address, password
// rules, field errors as ValidationFailedException). The user id is the one the shop front's session was given by
// SignInShopper/RenewShopperSession: a shop front never passes an id its shopper typed.

/// <summary>Emails a reset link if the address has an account; the same answer either way (and limited per address).</summary>
public sealed record RequestShopperPasswordReset(string Email) : ICommand<ShopperPasswordResetRequested>;

public sealed record ShopperPasswordResetRequested(bool Accepted);

/// <summary>Sets a new password with the token of the emailed link; ends every session of the account.</summary>
public sealed record ResetShopperPassword(string Token, string NewPassword) : ICommand<ShopperPasswordChanged>;

/// <summary>Changes the signed-in shopper's password; the session <paramref name="SessionId"/> stays, the others end.</summary>
public sealed record ChangeShopperPassword(Guid UserId, Guid? SessionId, string CurrentPassword, string NewPassword) : ICommand<ShopperPasswordChanged>;

public sealed record ShopperPasswordChanged(bool Changed);

/// <summary>The shopper's own profile.</summary>
public sealed record GetShopperProfile(Guid UserId) : IQuery<ShopperProfile>;

/// <summary>Replaces name, phone (+251), language (en/am) and notification choices, as the API's PUT /me does.</summary>
public sealed record UpdateShopperProfile(Guid UserId, string FullName, string? Phone, string PreferredLanguage,
    bool NotifyOrderUpdates, bool NotifyPromotions) : ICommand<ShopperProfile>, IIdempotentCommand;

/// <summary>Keeps the language the shopper chose with the shop's switch as the profile's (emails follow it too).</summary>
public sealed record ChooseShopperLanguage(Guid UserId, string Language) : ICommand<ShopperProfile>, IIdempotentCommand;

public sealed record ShopperProfile(Guid UserId, string Email, bool EmailVerified, string FullName, string? Phone, string PreferredLanguage,
    bool NotifyOrderUpdates, bool NotifyPromotions);

/// <summary>Everything the platform holds about the shopper, as the API's GET /me/export answers it (JSON, secrets excepted).</summary>
public sealed record ExportShopperData(Guid UserId) : IQuery<ShopperDataExport>;

public sealed record ShopperDataExport(string Json);

/// <summary>
/// Deletes the shopper's account once <paramref name="Password"/> proves it is theirs (a wrong one: a field error on
/// "password"); every session ends and the other modules erase their data, as the API's DELETE /me does.
/// </summary>
public sealed record DeleteShopperAccount(Guid UserId, string Password) : ICommand<ShopperAccountDeleted>;

public sealed record ShopperAccountDeleted(bool Deleted);
