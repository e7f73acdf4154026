namespace AddisPay.Orders;

/// <summary>AddisPay:Orders settings.</summary>
public sealed class OrdersOptions
{
    /// <summary>How long a placed order waits for payment before it is cancelled and its stock released.</summary>
    public TimeSpan PaymentWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The stock hold outlives the payment window a little, so a payment confirmed at the last moment still finds its stock.</summary>
    public TimeSpan ReservationGrace { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A request holding a key longer than this is presumed crashed; a retry may take the key over.</summary>
    public TimeSpan IdempotencyLock { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    public decimal ShippingAddisAbabaEtb { get; set; } = 100m;
    public decimal ShippingOtherRegionsEtb { get; set; } = 250m;
    /// <summary>Goods (after discount) worth at least this ship free.</summary>
    public decimal FreeShippingFromEtb { get; set; } = 5000m;

    /// <summary>How long after delivery a customer may ask to return goods.</summary>
    public TimeSpan ReturnWindow { get; set; } = TimeSpan.FromDays(14);
}
