using AddisPay.Orders.PayOrder;

namespace AddisPay.Orders.PayCustomerOrder;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>A shop front starts paying its signed-in customer's order: the very command or query the API runs, so the rules are one; input is checked with the API's request rules (a Contracts request arrives without its validation filter).</summary>
internal sealed class PayCustomerOrderHandler(ISender sender) : ICommandHandler<PayCustomerOrder, CheckoutPayment>
{
    public async ValueTask<CheckoutPayment> Handle(PayCustomerOrder command, CancellationToken ct)
    {
        var request = ValidRequest.Of(new PayRequest(command.Gateway, command.ReturnUrl));
        var s = (await sender.Send(new PayCommand(command.OrderId, command.UserId, request), ct)).Value;
        return new CheckoutPayment(s.PaymentId, s.OrderId, s.Gateway, s.Reference, s.CheckoutUrl, s.AmountEtb, s.Status);
    }
}
