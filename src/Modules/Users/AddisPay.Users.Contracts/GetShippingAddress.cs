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

/// <param name="Recipient">Who receives the parcel (full name).</param>
/// <param name="Phone">The recipient's phone, +251 form.</param>
/// <param name="Region">One of Ethiopia's regions or chartered cities, e.g. "Addis Ababa".</param>
/// <param name="Details">Street, house number, landmark: what the courier needs beyond sub-city and woreda.</param>
public sealed record ShippingAddress(Guid AddressId, string Label, string Recipient, string Phone, string Region, string City,
    string? SubCity, string? Woreda, string Details, bool IsDefault);
