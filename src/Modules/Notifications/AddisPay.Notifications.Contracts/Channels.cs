namespace AddisPay.Notifications.Contracts;

/// <summary>The ways Notifications reaches a customer; other modules need nothing else from it yet, since it listens to their events.</summary>
public static class Channels
{
    public const string Email = "email";
    public const string Sms = "sms";
}
