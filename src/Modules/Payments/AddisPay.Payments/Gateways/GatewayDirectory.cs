namespace AddisPay.Payments.Gateways;

internal sealed class GatewayDirectory(IEnumerable<IPaymentGateway> gateways)
{
    public IPaymentGateway Get(string name) =>
        gateways.FirstOrDefault(g => g.Name == name && g.Enabled)
        ?? throw new ValidationFailedException("gateway", $"The {name} gateway is not available here. Available: {string.Join(", ", gateways.Where(g => g.Enabled).Select(g => g.Name))}.");

    public IPaymentGateway? Find(string name) => gateways.FirstOrDefault(g => g.Name == name && g.Enabled);
}
