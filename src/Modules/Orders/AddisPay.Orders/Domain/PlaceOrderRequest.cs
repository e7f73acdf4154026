using System.ComponentModel.DataAnnotations;
using AddisPay.Market;

namespace AddisPay.Orders.Domain;

public sealed record ShippingAddressRequest(
    [property: Required, StringLength(120, MinimumLength = 2)] string Recipient,
    [property: Required, EthiopianPhone] string Phone,
    [property: Required, EthiopianRegion] string Region,
    [property: Required, StringLength(80, MinimumLength = 2)] string City,
    [property: StringLength(80)] string? SubCity,
    [property: StringLength(40)] string? Woreda,
    [property: Required, StringLength(300, MinimumLength = 3)] string Details)
{
    internal ShippingAddress ToAddress() => new()
    {
        Recipient = Recipient.Trim(), Phone = EthiopianPhone.Normalize(Phone)!, City = City.Trim(), SubCity = SubCity?.Trim(), Woreda = Woreda?.Trim(),
        Details = Details.Trim(), Region = EthiopianRegion.Canonical(Region)
    };
}

/// <param name="CartId">The cart to order; the customer's own.</param>
/// <param name="ShippingAddress">Where to ship, typed in at checkout; or else <paramref name="AddressId"/>.</param>
/// <param name="AddressId">One of the customer's saved addresses (Users).</param>
/// <param name="CouponCode">Optional promotion code.</param>
public sealed record PlaceOrderRequest(
    [property: Required] Guid? CartId,
    ShippingAddressRequest? ShippingAddress = null,
    [property: StringLength(40)] string? CouponCode = null,
    Guid? AddressId = null) : IValidatableObject
{
    // DataAnnotations don't descend into nested objects: the address's fields are reported as shippingAddress.<field>.
    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if ((ShippingAddress is null) == (AddressId is null))
            yield return new ValidationResult("Give a shippingAddress or the addressId of a saved address (one of them).", [nameof(ShippingAddress)]);
        if (ShippingAddress is null) yield break;
        foreach (var (field, errors) in Validation.Errors(ShippingAddress))
            foreach (var error in errors)
                yield return new ValidationResult(error, [$"ShippingAddress.{field}"]);
    }
}
