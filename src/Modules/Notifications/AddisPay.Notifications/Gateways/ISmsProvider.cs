namespace AddisPay.Notifications.Gateways;

/// <summary>An SMS gateway. Returns the provider's message id; throws when the provider did not accept the message.</summary>
internal interface ISmsProvider
{
    Task<string> SendAsync(string phone, string text, CancellationToken ct);
}

internal sealed class SmsRejectedException(string message) : Exception(message);
