namespace AddisPay.Notifications;

/// <summary>AddisPay:Notifications. Secrets (SMTP password, SMS API key, unsubscribe key) come from configuration, never code.</summary>
internal sealed class NotificationsOptions
{
    public const string Section = "AddisPay:Notifications";

    /// <summary>Where customers open links from messages (verification, password reset, orders, products).</summary>
    public string StorefrontUrl { get; set; } = "http://localhost:5000";

    /// <summary>Public base address of this API, for the unsubscribe link.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>HMAC key (≥ 32 characters) that signs unsubscribe links; derived from AddisPay:InternalKey when empty.</summary>
    public string UnsubscribeKey { get; set; } = "";

    public EmailOptions Email { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();
    public DeliveryOptions Delivery { get; set; } = new();
    public QuietHoursOptions QuietHours { get; set; } = new();
    public PromotionOptions Promotions { get; set; } = new();
}

internal sealed class EmailOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary>None, Auto, StartTls or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "no-reply@addispay.et";
    public string FromName { get; set; } = "AddisPay";
    public int TimeoutMs { get; set; } = 15000;
}

internal sealed class SmsOptions
{
    /// <summary>Africa's Talking API base, e.g. https://api.africastalking.com (sandbox: https://api.sandbox.africastalking.com). Empty: no SMS.</summary>
    public string? BaseUrl { get; set; }
    public string Username { get; set; } = "";
    public string ApiKey { get; set; } = "";
    /// <summary>Registered sender id or short code; the provider's default when empty.</summary>
    public string? From { get; set; }
    public int TimeoutMs { get; set; } = 15000;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}

internal sealed class DeliveryOptions
{
    public int MaxAttempts { get; set; } = 5;
    public int BaseDelayMs { get; set; } = 30_000;
    public int MaxDelayMs { get; set; } = 3_600_000;
    /// <summary>
    /// The fallback: a round starts when a transaction that added messages commits (LISTEN/NOTIFY) and when the next
    /// message falls due, so this only bounds the delay after a notification lost while the listening connection was down.
    /// </summary>
    public int PollIntervalMs { get; set; } = 10_000;
    public int BatchSize { get; set; } = 20;
    /// <summary>
    /// A round leases its batch for the slower channel's send timeout plus this margin, and renews it once half the margin
    /// is spent (only a slow provider makes it). A message leased by a pod that crashed is due again this long after
    /// the pod last renewed: 30 s with the default timeouts (15 s).
    /// </summary>
    public int LeaseMarginMs { get; set; } = 15_000;
    /// <summary>
    /// Rounds a pod runs at once, each leasing its own batch and holding its own SMTP connection. A round sends one email
    /// at a time and mostly waits: two round trips to the relay per email, and on a busy pod a turn on a thread after
    /// each. At 25 ms an email a round sends 40 a second, and 140 checkouts a second owe 280: the checkout benchmark runs
    /// sixteen, which kept the backlog flat at no cost to the checkout rate. The default stays four because every round
    /// also takes a database connection to lease and record: sixteen per process exhausted the test cluster's
    /// connections ("53300: too many clients") when many hosts ran at once. Raise it with the pod's pool in view.
    /// </summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Exponential backoff: base × 2^(attempts − 1), capped.</summary>
    public TimeSpan DelayAfter(int attempts) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(2, Math.Max(0, attempts - 1))));
}

internal sealed class QuietHoursOptions
{
    /// <summary>Local time (HH:mm) from which promotional messages wait; equal Start and End disable quiet hours.</summary>
    public string Start { get; set; } = "21:00";
    public string End { get; set; } = "08:00";
    public string TimeZone { get; set; } = "Africa/Addis_Ababa";
}

internal sealed class PromotionOptions
{
    /// <summary>Campaign emails are spread out so that at most this many leave per minute.</summary>
    public int MessagesPerMinute { get; set; } = 60;
    /// <summary>Users fetched from Users per page while a campaign's audience is built.</summary>
    public int AudiencePageSize { get; set; } = 200;
    public int PollIntervalMs { get; set; } = 2000;
}
