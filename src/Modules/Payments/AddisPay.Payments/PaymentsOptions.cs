namespace AddisPay.Payments;

/// <summary>AddisPay:Payments settings. Gateway secrets come from Kubernetes Secrets (environment), never from files in the image.</summary>
public sealed class PaymentsOptions
{
    /// <summary>The platform's public address, for gateway callbacks and the sandbox checkout page.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// The storefront's origins (https://shop.addispay.et): the only places a gateway may send a customer back to
    /// after checkout. A relative return address is resolved against the first. Empty in Production refuses every
    /// return address; in Development and Testing it defaults to <see cref="LocalReturnOrigins"/>.
    /// </summary>
    public List<string> ReturnOrigins { get; set; } = [];

    /// <summary>The local demo's origins (scripts/start.sh), allowed when no storefront origin is configured in Development and Testing.</summary>
    public static readonly string[] LocalReturnOrigins = ["http://127.0.0.1:5080", "http://localhost:5080"];

    /// <summary>
    /// How long the hourly counts of webhook calls that did not verify (bad signature, unknown gateway) are kept.
    /// Such calls are counted, never stored one by one: anyone can send them.
    /// </summary>
    public TimeSpan UnverifiedWebhookRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A payment without a webhook this long after it started is checked with the gateway.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An attempt still unpaid at the gateway after this long is abandoned (failed).</summary>
    public TimeSpan AttemptLifetime { get; set; } = TimeSpan.FromHours(1);

    public ChapaOptions Chapa { get; set; } = new();
    public TelebirrOptions Telebirr { get; set; } = new();
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

/// <summary>
/// telebirr's H5 C2B web checkout (Ethio telecom's "fabric" payment gateway), AddisPay:Payments:Telebirr. telebirr
/// is offered only when every credential and both keys are set. <see cref="AppSecret"/>, <see cref="FabricAppId"/>
/// and the two keys come from the Kubernetes Secret (environment); the addresses and merchant identifiers are
/// plain configuration.
/// </summary>
public sealed class TelebirrOptions
{
    /// <summary>
    /// The API base every call is appended to (…/payment/v1/token, …/merchant/preOrder). Production by default;
    /// the testbed is https://developerportal.ethiotelebirr.et:38443/apiaccess/payment/gateway.
    /// </summary>
    public string BaseUrl { get; set; } = "https://superapp.ethiomobilemoney.et:38443/apiaccess/payment/gateway";

    /// <summary>
    /// The hosted checkout page the customer is sent to, with the signed raw request appended. The testbed's is
    /// https://developerportal.ethiotelebirr.et:38443/payment/web/paygate? ; Ethio telecom's sample configuration
    /// gives the API base for production, which looks like a copy error, so the default follows the testbed's
    /// shape on the production host. Confirm it with Ethio telecom when the merchant account is opened.
    /// </summary>
    public string WebBaseUrl { get; set; } = "https://superapp.ethiomobilemoney.et:38443/payment/web/paygate?";

    /// <summary>The fabric App ID, sent as the X-APP-Key header on every call (Secret).</summary>
    public string FabricAppId { get; set; } = "";

    /// <summary>The fabric app secret, exchanged for a short-lived token at /payment/v1/token (Secret).</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>The merchant app id (biz_content.appid) telebirr assigned.</summary>
    public string MerchantAppId { get; set; } = "";

    /// <summary>The merchant short code (biz_content.merch_code).</summary>
    public string MerchantCode { get; set; } = "";

    /// <summary>
    /// The merchant's RSA private key (PEM, PKCS#8 or PKCS#1; bare base64 is accepted too) that signs every
    /// request and checkout URL; telebirr holds its public half (Secret).
    /// </summary>
    public string PrivateKey { get; set; } = "";

    /// <summary>telebirr's RSA public key (PEM or bare base64 SubjectPublicKeyInfo): notifications must verify with it (Secret).</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>How long one call to telebirr may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether everything telebirr needs is set.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(FabricAppId) && !string.IsNullOrWhiteSpace(AppSecret) && !string.IsNullOrWhiteSpace(MerchantAppId) &&
        !string.IsNullOrWhiteSpace(MerchantCode) && !string.IsNullOrWhiteSpace(PrivateKey) && !string.IsNullOrWhiteSpace(PublicKey);
}
