using Prometheus;

namespace AddisPay.Orders.Domain;

/// <summary>The checkout funnel as Prometheus sees it: orders placed, paid, cancelled (by reason) and refunded.</summary>
internal static class OrderMetrics
{
    private static readonly Counter Steps = Metrics.CreateCounter("addispay_orders_total", "Orders reaching a step of the checkout.", "step");

    public static void Placed() => Steps.WithLabels("placed").Inc();
    public static void Paid() => Steps.WithLabels("paid").Inc();
    public static void Cancelled(string reason) => Steps.WithLabels($"cancelled_{reason}").Inc();
    public static void Refunded() => Steps.WithLabels("refunded").Inc();
}
