namespace AddisPay.Payments;

/// <summary>AddisPay:Payments settings. Gateway secrets come from Kubernetes Secrets (environment), never from files in the image.</summary>
public sealed class PaymentsOptions
{
    /// <summary>The platform's public address, for gateway callbacks and the sandbox checkout page.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>A payment without a webhook this long after it started is checked with the gateway.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An attempt still unpaid at the gateway after this long is abandoned (failed).</summary>
    public TimeSpan AttemptLifetime { get; set; } = TimeSpan.FromHours(1);

    public ChapaOptions Chapa { get; set; } = new();
    public SandboxOptions Sandbox { get; set; } = new();
}

public sealed class ChapaOptions
{
    public string BaseUrl { get; set; } = "https://api.chapa.co";
    /// <summary>CHASECK-... key; Chapa is offered only when it is set.</summary>
    public string SecretKey { get; set; } = "";
    /// <summary>The "secret hash" configured in Chapa's dashboard; webhooks are signed with it.</summary>
    public string WebhookSecret { get; set; } = "";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class SandboxOptions
{
    /// <summary>Off in Production unless switched on explicitly (a demo cluster).</summary>
    public bool? Enabled { get; set; }
    public string WebhookSecret { get; set; } = "sandbox-webhook-secret";
}
