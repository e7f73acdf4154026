using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

/// <summary>What actually left the warehouse: each line less its units cancelled before shipping; a line cancelled whole is gone.</summary>
internal static class ShippedUnits
{
    /// <remarks>A line's total is its agreed unit price times the units shipped (VAT-exclusive, before the order's discount, as on the order).</remarks>
    public static IReadOnlyList<OrderLine> Of(IReadOnlyList<OrderLine> lines, IEnumerable<RefundLine> cancelled)
    {
        var gone = cancelled.GroupBy(l => l.Sku, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.OrdinalIgnoreCase);
        return lines.Select(l => (Line: l, Left: l.Quantity - gone.GetValueOrDefault(l.Sku)))
            .Where(x => x.Left > 0)
            .Select(x => x.Left == x.Line.Quantity ? x.Line : x.Line with { Quantity = x.Left, LineTotalEtb = x.Line.UnitPriceEtb * x.Left })
            .ToList();
    }
}
