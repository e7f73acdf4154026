using AddisPay.Orders.PayOrder;

namespace AddisPay.Orders.PayCustomerOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>
/// A shop front starts paying its signed-in customer's order (Contracts): the API's own command or query, its input checked by the API's
/// request rules.
/// </summary>
internal sealed class PayCustomerOrderHandler(ISender sender) : ICommandHandler<PayCustomerOrder, CheckoutPayment>
{
    public async ValueTask<CheckoutPayment> Handle(PayCustomerOrder command, CancellationToken ct)
    {
        var request = ValidRequest.Of(new PayRequest(command.Gateway, command.ReturnUrl));
        var s = (await sender.Send(new PayCommand(command.OrderId, command.UserId, request), ct)).Value;
        return new CheckoutPayment(s.PaymentId, s.OrderId, s.Gateway, s.Reference, s.CheckoutUrl, s.AmountEtb, s.Status);
    }
}
