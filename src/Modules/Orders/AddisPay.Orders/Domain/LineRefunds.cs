using AddisPay.Market;
using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

/// <summary>
/// What giving back some units of an order's lines comes to, computed the way the order was: each line's share of the
/// discount in proportion to its amount (the last line takes what rounding leaves), the units' share of their line,
/// shipping only when asked, and 15% VAT rounded half away from zero to the santim, as on the receipt.
/// Each amount is the difference of two running totals (everything refunded up to and including this refund, less
/// everything before it): refunding an order in any number of parts gives back exactly its total and its VAT, and no
/// refund's VAT is more than a santim from 15% of its own net.
/// </summary>
internal static class LineRefunds
{
    /// <summary>Units of one line (by SKU) to give back.</summary>
    public sealed record Units(string Sku, int Quantity);

    /// <summary>Refunds with a breakdown issued before (under way or done), added up.</summary>
    public sealed record Earlier(IReadOnlyDictionary<string, int> Quantities, bool Shipping, decimal NetEtb)
    {
        public static readonly Earlier None = new(new Dictionary<string, int>(), false, 0m);

        public static Earlier Of(IEnumerable<RefundBreakdown> breakdowns)
        {
            var all = breakdowns.ToList();
            return new Earlier(
                all.SelectMany(b => b.Lines).GroupBy(l => l.Sku, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.OrdinalIgnoreCase),
                all.Any(b => b.ShippingEtb > 0), all.Sum(b => b.NetEtb));
        }

        public int QuantityOf(string sku) => Quantities.GetValueOrDefault(sku);
    }

    /// <summary>The breakdown, or the field errors that stop it (400: the request asks for what the order can't give).</summary>
    public sealed record Outcome(RefundBreakdown? Breakdown, IReadOnlyDictionary<string, string[]> Errors);

    /// <summary>Each line's amount after its share of the discount.</summary>
    public static decimal[] LineNets(IReadOnlyList<OrderLine> lines, decimal discountEtb)
    {
        var subtotal = lines.Sum(l => l.LineTotalEtb);
        var nets = new decimal[lines.Count];
        var left = discountEtb;
        for (var i = 0; i < lines.Count; i++)
        {
            var share = i == lines.Count - 1 || subtotal == 0 ? left : Etb.ToSantim(discountEtb * lines[i].LineTotalEtb / subtotal);
            left -= share;
            nets[i] = lines[i].LineTotalEtb - share;
        }
        return nets;
    }

    /// <summary>The share of a line's net amount that <paramref name="units"/> of its <paramref name="lineQuantity"/> units carry.</summary>
    public static decimal NetOfUnits(decimal lineNetEtb, int lineQuantity, int units) =>
        units >= lineQuantity ? lineNetEtb : Etb.ToSantim(lineNetEtb * units / lineQuantity);

    public static Outcome Compute(IReadOnlyList<OrderLine> lines, OrderAmounts amounts, Earlier earlier, IReadOnlyList<Units> requested, bool shipping)
    {
        var errors = new Dictionary<string, string[]>();
        var nets = LineNets(lines, amounts.DiscountEtb);
        var refunded = new List<RefundLine>();
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < requested.Count; i++)
        {
            var wanted = requested[i];
            var index = IndexOf(lines, wanted.Sku);
            if (index < 0)
            {
                errors[$"lines[{i}].sku"] = [$"The order has no line {wanted.Sku}."];
                continue;
            }
            var line = lines[index];
            if (!named.Add(line.Sku))
            {
                errors[$"lines[{i}].sku"] = [$"{line.Sku} is named twice; name each line once with all its units."];
                continue;
            }
            var before = earlier.QuantityOf(line.Sku);
            var left = line.Quantity - before;
            if (wanted.Quantity < 1 || wanted.Quantity > left)
            {
                errors[$"lines[{i}].quantity"] = [left == 0
                    ? $"No unit of {line.Sku} is left: every one has been refunded or is in a return under way."
                    : $"Between 1 and {left} of the {line.Quantity} units of {line.Sku} can still be refunded."];
                continue;
            }
            var net = NetOfUnits(nets[index], line.Quantity, before + wanted.Quantity) - NetOfUnits(nets[index], line.Quantity, before);
            refunded.Add(new RefundLine(line.Sku, line.Name, line.NameAm, wanted.Quantity, net));
        }
        if (shipping && earlier.Shipping) errors["refundShipping"] = ["The shipping fee has already been refunded."];
        else if (shipping && amounts.ShippingEtb == 0) errors["refundShipping"] = ["This order shipped free: there is no fee to refund."];
        if (requested.Count == 0 && !shipping) errors["lines"] = ["Name at least one line to refund, or refund the shipping fee."];
        if (errors.Count > 0) return new Outcome(null, errors);

        var shippingEtb = shipping ? amounts.ShippingEtb : 0m;
        var netEtb = refunded.Sum(l => l.NetEtb) + shippingEtb;
        var vatEtb = Vat.OnNextPart(earlier.NetEtb, netEtb);
        return new Outcome(new RefundBreakdown(refunded, shippingEtb, netEtb, vatEtb), errors);
    }

    /// <summary>Everything not refunded yet (the units left and the shipping fee if it was not refunded): what cancelling the rest gives back.</summary>
    public static RefundBreakdown Remainder(IReadOnlyList<OrderLine> lines, OrderAmounts amounts, Earlier earlier)
    {
        var left = lines.Where(l => l.Quantity > earlier.QuantityOf(l.Sku)).Select(l => new Units(l.Sku, l.Quantity - earlier.QuantityOf(l.Sku))).ToList();
        var shipping = !earlier.Shipping && amounts.ShippingEtb > 0;
        if (left.Count == 0 && !shipping) return new RefundBreakdown([], 0m, 0m, 0m);
        return Compute(lines, amounts, earlier, left, shipping).Breakdown!;
    }

    /// <summary>Whether the units asked for are every unit of the order not refunded yet.</summary>
    public static bool CoversEveryUnitLeft(IReadOnlyList<OrderLine> lines, Earlier earlier, IReadOnlyList<Units> requested) =>
        lines.All(l => l.Quantity - earlier.QuantityOf(l.Sku)
            == requested.Where(u => string.Equals(u.Sku, l.Sku, StringComparison.OrdinalIgnoreCase)).Sum(u => u.Quantity));

    private static int IndexOf(IReadOnlyList<OrderLine> lines, string sku)
    {
        for (var i = 0; i < lines.Count; i++)
            if (string.Equals(lines[i].Sku, sku, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
