using Mediator;

namespace AddisPay.Users.Contracts;

/// <summary>
/// One of the user's saved shipping addresses, for the order that ships to it. Null when the address does
/// not exist or is not that user's, so an order can never ship to someone else's address.
/// </summary>
public sealed record GetShippingAddress(Guid UserId, Guid AddressId) : IQuery<ShippingAddress?>;

/// <param name="Recipient">Who receives the parcel (full name).</param>
/// <param name="Phone">The recipient's phone, +251 form.</param>
/// <param name="Region">One of Ethiopia's regions or chartered cities, e.g. "Addis Ababa".</param>
/// <param name="Details">Street, house number, landmark: what the courier needs beyond sub-city and woreda.</param>
public sealed record ShippingAddress(Guid AddressId, string Label, string Recipient, string Phone, string Region, string City,
    string? SubCity, string? Woreda, string Details, bool IsDefault);
