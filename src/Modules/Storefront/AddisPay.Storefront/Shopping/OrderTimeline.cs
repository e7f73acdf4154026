using AddisPay.Orders.Contracts;

namespace AddisPay.Storefront.Shopping;

/// <summary>The words for an order's tracking timeline.</summary>
internal static class OrderTimeline
{
    /// <summary>
    /// What happened at the step: the event Orders named (a return asked for, a refund) when the shop has words for it,
    /// otherwise the status the order reached. A note keeps the order's status, so without its event a return asked for
    /// after delivery would read "Delivered" again.
    /// </summary>
    public static string Label(OrderTrackingStep step, string language) =>
        step.Event is { } happened && ShopTexts.All.ContainsKey("timeline." + happened)
            ? ShopTexts.Get("timeline." + happened, language)
            : ShopTexts.Get("status." + step.Status, language);
}
