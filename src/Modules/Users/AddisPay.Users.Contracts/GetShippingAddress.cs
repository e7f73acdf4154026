using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Users.Contracts;

/// <summary>
/// One of the user's saved shipping addresses, for the order that ships to it. Null when the address does
/// not exist or is not that user's, so an order can never ship to someone else's address.
/// </summary>
public sealed record GetShippingAddress(Guid UserId, Guid AddressId) : IQuery<ShippingAddress?>;

/// <summary>The user's saved shipping addresses, the default first (empty for an unknown or deleted account).</summary>
public sealed record GetShippingAddresses(Guid UserId) : IQuery<IReadOnlyList<ShippingAddress>>;

/// <summary>
/// Saves a new shipping address for the user, as the account's own "add address" does: an Ethiopian region, a phone
/// stored in +251 form, at most ten addresses (ConflictException), the first (or one marked default) the default.
/// Invalid fields are a ValidationFailedException naming them (label, recipient, phone, region, city, subCity, woreda, details).
/// </summary>
public sealed record AddShippingAddress(Guid UserId, string Label, string Recipient, string Phone, string Region, string City, string? SubCity,
    string? Woreda, string Details, bool IsDefault = false) : ICommand<ShippingAddress>;

/// <summary>
/// Rewrites one of the user's shipping addresses with the same rules as <see cref="AddShippingAddress"/>; with
/// <paramref name="IsDefault"/> it becomes the default (false keeps whatever default the account has). Another user's
/// address, or a missing one, is a NotFoundException. Saving the same fields again changes nothing more: retry-safe.
/// </summary>
public sealed record UpdateShippingAddress(Guid UserId, Guid AddressId, string Label, string Recipient, string Phone, string Region, string City,
    string? SubCity, string? Woreda, string Details, bool IsDefault = false) : ICommand<ShippingAddress>, IIdempotentCommand;

/// <summary>Makes one of the user's addresses the default (the one checkout offers first). Another user's address is a NotFoundException.</summary>
public sealed record ChooseDefaultShippingAddress(Guid UserId, Guid AddressId) : ICommand<ShippingAddress>, IIdempotentCommand;

/// <summary>
/// Removes one of the user's addresses; when it was the default, another becomes the default. Retry-safe: an address that
/// is not (or no longer) the user's removes nothing and answers false.
/// </summary>
public sealed record RemoveShippingAddress(Guid UserId, Guid AddressId) : ICommand<ShippingAddressRemoved>, IIdempotentCommand;

public sealed record ShippingAddressRemoved(bool Removed);

/// <param name="Recipient">Who receives the parcel (full name).</param>
/// <param name="Phone">The recipient's phone, +251 form.</param>
/// <param name="Region">One of Ethiopia's regions or chartered cities, e.g. "Addis Ababa".</param>
/// <param name="Details">Street, house number, landmark: what the courier needs beyond sub-city and woreda.</param>
public sealed record ShippingAddress(Guid AddressId, string Label, string Recipient, string Phone, string Region, string City,
    string? SubCity, string? Woreda, string Details, bool IsDefault);
