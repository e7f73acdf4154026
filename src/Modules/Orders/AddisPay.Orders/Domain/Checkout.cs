using System.Globalization;
using AddisPay.Cart.Contracts;
using AddisPay.Market;
using AddisPay.Orders.Contracts;
using AddisPay.Products.Contracts;
using Microsoft.Extensions.Options;

namespace AddisPay.Orders.Domain;

/// <summary>A cart turned into the lines and amounts of an order, checked against the catalogue as it is now.</summary>
internal sealed record PricedCart(Guid CartId, IReadOnlyList<OrderLine> Lines, OrderAmounts Amounts, string? CouponCode);

/// <summary>
/// Prices a customer's cart for an order: current prices and stock from Products (not the cart's copy,
/// which events refresh a moment later), the coupon's discount, shipping by region, and 15% VAT on
/// goods after discount plus shipping. Used by the quote and by placing the order, so both agree.
/// </summary>
internal sealed class Checkout(ISender sender, OrdersDbContext db, IOptions<OrdersOptions> options, TimeProvider clock)
{
    public async Task<PricedCart> PriceAsync(Guid customerId, Guid cartId, string region, string? couponCode, CancellationToken ct)
    {
        var cart = await sender.Send(new GetCartSummary(cartId), ct);
        // Someone else's cart is reported like a missing one.
        if (cart is null || cart.OwnerId is { } owner && owner != customerId)
            throw new NotFoundException($"Cart {cartId} does not exist.");
        if (cart.Lines.Count == 0) throw new ConflictException("The cart is empty.") { Reason = Refusal.Of("checkout.cart-empty") };

        // Every line's offer in one request (one HTTP round trip when Products runs in other pods).
        var offers = new List<ProductOffer?>(cart.Lines.Count);
        foreach (var chunk in cart.Lines.Chunk(GetProductOffers.MaxWanted))
            offers.AddRange(await sender.Send(new GetProductOffers(chunk.Select(l => new OfferFor(l.ProductId, l.Sku)).ToList()), ct));

        var lines = new List<OrderLine>();
        foreach (var (line, offer) in cart.Lines.Zip(offers))
        {
            if (offer is null || !offer.Purchasable)
                throw new ConflictException($"{(offer?.Name ?? line.Name)} ({line.Sku}) is no longer available; remove it from the cart.")
                {
                    Reason = Refusal.Of("checkout.no-longer-available", ("product", offer?.Name ?? line.Name), ("productAm", offer?.NameAm ?? line.NameAm))
                };
            if (offer.PriceEtb != line.UnitPriceEtb)
                throw new ConflictException(string.Create(CultureInfo.InvariantCulture,
                    $"The price of {offer.Name} ({line.Sku}) changed from {line.UnitPriceEtb:0.00} to {offer.PriceEtb:0.00} ETB; review the cart and order again."))
                {
                    Reason = Refusal.Of("checkout.price-changed", ("product", offer.Name), ("productAm", offer.NameAm), ("fromEtb", line.UnitPriceEtb), ("toEtb", offer.PriceEtb))
                };
            if (offer.Available < line.Quantity)
                throw new ConflictException($"Only {offer.Available} of {offer.Name} ({line.Sku}) left; the cart holds {line.Quantity}.")
                {
                    Reason = Refusal.Of("checkout.only-left", ("product", offer.Name), ("productAm", offer.NameAm), ("available", offer.Available), ("inCart", line.Quantity))
                };
            lines.Add(new OrderLine(offer.ProductId, offer.Sku, offer.Name, offer.NameAm, line.Quantity, offer.PriceEtb, offer.PriceEtb * line.Quantity));
        }

        var subtotal = lines.Sum(l => l.LineTotalEtb);
        var discount = 0m;
        string? code = null;
        if (!string.IsNullOrWhiteSpace(couponCode))
        {
            code = couponCode.Trim().ToUpperInvariant();
            var coupon = await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct)
                ?? throw new ValidationFailedException("couponCode", $"There is no coupon {code}.");
            discount = coupon.DiscountOn(subtotal, clock.GetUtcNow());
            if (coupon.PerCustomerLimit is { } perCustomer &&
                await db.CouponRedemptions.CountAsync(r => r.Code == code && r.CustomerId == customerId, ct) >= perCustomer)
                throw new ConflictException($"Coupon {code} has already been used the maximum number of times on this account.")
                {
                    Reason = Refusal.Of("coupon.used-by-you", ("coupon", code))
                };
        }

        var shipping = ShippingFee(region, subtotal - discount);
        var vat = Vat.On(subtotal - discount + shipping);
        return new PricedCart(cartId, lines, new OrderAmounts(subtotal, discount, shipping, vat, subtotal - discount + shipping + vat), code);
    }

    public decimal ShippingFee(string region, decimal goodsEtb)
    {
        var o = options.Value;
        if (goodsEtb >= o.FreeShippingFromEtb) return 0m;
        return EthiopianRegion.IsAddisAbaba(region) ? o.ShippingAddisAbabaEtb : o.ShippingOtherRegionsEtb;
    }
}
