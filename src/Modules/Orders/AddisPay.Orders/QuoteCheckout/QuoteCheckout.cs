using AddisPay.Market;
using AddisPay.Orders.QuoteOrder;
using AddisPay.Users.Contracts;

namespace AddisPay.Orders.QuoteCheckout;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// A shop front's checkout quote for its signed-in customer (another module) (Contracts): the API's own command or query, its input checked by
/// the API's request rules.
/// </summary>
internal sealed class QuoteCheckoutHandler(ISender sender) : IQueryHandler<QuoteCheckout, CheckoutQuote>
{
    public async ValueTask<CheckoutQuote> Handle(QuoteCheckout query, CancellationToken ct)
    {
        var region = query.Region;
        if (query.AddressId is { } addressId)
            region = (await sender.Send(new GetShippingAddress(query.UserId, addressId), ct))?.Region
                ?? throw new ValidationFailedException("addressId", "You have no saved address with this id.");
        var request = ValidRequest.Of(new QuoteRequest(query.CartId, region, query.CouponCode));
        var quote = await sender.Send(new QuoteCommand(query.UserId, request), ct);
        var named = EthiopianRegion.Canonical(region);
        return new CheckoutQuote(quote.CartId, named, quote.Lines, quote.Amounts, quote.Currency, quote.VatRate, quote.CouponCode);
    }
}
