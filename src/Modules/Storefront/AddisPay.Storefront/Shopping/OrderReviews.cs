using AddisPay.Orders.Contracts;
using AddisPay.Reviews.Contracts;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// Reviewing what an order brought: once the order was delivered (a refund asked for afterwards does not take that back),
/// each product of it offers a review, or the review the shopper already wrote of it.
/// </summary>
internal static class OrderReviews
{
    public const string Delivered = "delivered";

    /// <summary>The page where the shopper reviews one product of one of their orders.</summary>
    public static string Page(string orderNumber, Guid productId) => OrderPages.Order(orderNumber) + "/review/" + productId;

    /// <summary>The order's page saying the review was saved.</summary>
    public static string Reviewed(string orderNumber) => OrderPages.Order(orderNumber) + "?reviewed=1";

    /// <summary>Whether the order reached the shopper: its timeline went through delivery.</summary>
    public static bool WasDelivered(IEnumerable<OrderTrackingStep> timeline) => timeline.Any(s => s.Status == Delivered);

    /// <summary>The products of the order's lines, each once (two variants of one product share one review).</summary>
    public static IReadOnlyList<Guid> Products(IEnumerable<OrderLine> lines) => lines.Select(l => l.ProductId).Distinct().ToList();

    /// <summary>The shopper's review of the line's product, if they wrote one.</summary>
    public static ShopperReview? Of(OrderLine line, IReadOnlyList<ShopperReview> reviews) => reviews.FirstOrDefault(r => r.ProductId == line.ProductId);

    /// <summary>A rating the form posted: 1 to 5 stars, or none (the module then names the field).</summary>
    public static int Stars(string? posted) => int.TryParse(posted, out var stars) && stars is >= 1 and <= 5 ? stars : 0;
}
