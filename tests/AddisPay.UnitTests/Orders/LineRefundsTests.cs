using AddisPay.Orders.Contracts;
using AddisPay.Orders.Domain;

namespace AddisPay.UnitTests.Orders;

/// <summary>What refunding units of an order's lines gives back: shares after the discount, shipping when asked, 15% VAT as receipts round it.</summary>
public sealed class LineRefundsTests
{
    // 3 × 333.33 and 1 × 500, 150 off, 100 shipping: VAT 15% of 1,449.99 = 217.50, total 1,667.49.
    private static readonly IReadOnlyList<OrderLine> Lines =
    [
        new(Guid.NewGuid(), "MUG-1", "Mug", "ኩባያ", 3, 333.33m, 999.99m),
        new(Guid.NewGuid(), "POT-1", "Jebena", "ጀበና", 1, 500m, 500m),
    ];
    private static readonly OrderAmounts Amounts = new(1499.99m, 150m, 100m, 217.50m, 1667.49m);

    private static RefundBreakdown Refund(LineRefunds.Earlier earlier, bool shipping, params (string Sku, int Quantity)[] units)
    {
        var outcome = LineRefunds.Compute(Lines, Amounts, earlier, units.Select(u => new LineRefunds.Units(u.Sku, u.Quantity)).ToList(), shipping);
        Assert.Empty(outcome.Errors);
        return outcome.Breakdown!;
    }

    private static IReadOnlyDictionary<string, string[]> Refused(LineRefunds.Earlier earlier, bool shipping, params (string Sku, int Quantity)[] units)
    {
        var outcome = LineRefunds.Compute(Lines, Amounts, earlier, units.Select(u => new LineRefunds.Units(u.Sku, u.Quantity)).ToList(), shipping);
        Assert.Null(outcome.Breakdown);
        return outcome.Errors;
    }

    [Fact]
    public void The_discount_is_shared_by_the_lines_in_proportion_to_their_amounts_and_adds_up_to_the_discount()
    {
        var nets = LineRefunds.LineNets(Lines, 150m);

        Assert.Equal(new[] { 899.99m, 450m }, nets);
        Assert.Equal(1499.99m - 150m, nets.Sum());
    }

    [Fact]
    public void A_unit_of_a_discounted_line_gives_back_its_share_after_the_discount_plus_vat_on_it()
    {
        var refund = Refund(LineRefunds.Earlier.None, false, ("mug-1", 1));

        var line = Assert.Single(refund.Lines);
        Assert.Equal(("MUG-1", "Mug", "ኩባያ", 1, 300m), (line.Sku, line.Name, line.NameAm, line.Quantity, line.NetEtb));
        Assert.Equal((0m, 300m, 45m, 345m), (refund.ShippingEtb, refund.NetEtb, refund.VatEtb, refund.TotalEtb));
    }

    [Fact]
    public void Refunding_an_order_in_parts_gives_back_exactly_its_total_and_its_vat()
    {
        var earlier = new List<RefundBreakdown>();
        RefundBreakdown Next(bool shipping, params (string, int)[] units)
        {
            var refund = Refund(LineRefunds.Earlier.Of(earlier), shipping, units);
            earlier.Add(refund);
            return refund;
        }

        var first = Next(false, ("MUG-1", 1));
        var second = Next(false, ("MUG-1", 1));
        var last = Next(true, ("MUG-1", 1), ("POT-1", 1));

        Assert.Equal((299.99m, 45m), (second.NetEtb, second.VatEtb)); // VAT on 599.99 so far (90.00) less the 45.00 before
        Assert.Equal((100m, 850m, 127.50m), (last.ShippingEtb, last.NetEtb, last.VatEtb));
        Assert.Equal(Amounts.VatEtb, first.VatEtb + second.VatEtb + last.VatEtb);
        Assert.Equal(Amounts.TotalEtb, first.TotalEtb + second.TotalEtb + last.TotalEtb);
    }

    [Fact]
    public void Each_refunds_vat_is_within_a_santim_of_15_percent_of_its_own_net()
    {
        var earlier = new List<RefundBreakdown>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var refund = Refund(LineRefunds.Earlier.Of(earlier), false, ("MUG-1", 1));
            earlier.Add(refund);
            Assert.InRange(refund.VatEtb - refund.NetEtb * 0.15m, -0.01m, 0.01m);
        }
    }

    [Fact]
    public void More_units_than_are_left_is_an_error_on_that_lines_quantity()
    {
        var earlier = LineRefunds.Earlier.Of([Refund(LineRefunds.Earlier.None, false, ("MUG-1", 2))]);

        var errors = Refused(earlier, false, ("POT-1", 1), ("MUG-1", 2));

        Assert.Equal(new[] { "lines[1].quantity" }, errors.Keys);
        Assert.Contains("Between 1 and 1 of the 3 units", errors["lines[1].quantity"][0]);
    }

    [Fact]
    public void An_sku_the_order_does_not_have_or_named_twice_is_an_error_on_that_lines_sku()
    {
        var errors = Refused(LineRefunds.Earlier.None, false, ("MUG-1", 1), ("TEA-9", 1), ("mug-1", 1));

        Assert.Equal(new[] { "lines[1].sku", "lines[2].sku" }, errors.Keys.Order());
    }

    [Fact]
    public void Shipping_is_refunded_only_when_asked_and_only_once()
    {
        var without = Refund(LineRefunds.Earlier.None, false, ("POT-1", 1));
        var with = Refund(LineRefunds.Earlier.None, true);

        Assert.Equal(0m, without.ShippingEtb);
        Assert.Equal((100m, 100m, 15m), (with.ShippingEtb, with.NetEtb, with.VatEtb));
        Assert.Contains("refundShipping", Refused(LineRefunds.Earlier.Of([with]), true).Keys);
    }

    [Fact]
    public void Asking_for_nothing_is_an_error_on_lines()
    {
        Assert.Equal(new[] { "lines" }, Refused(LineRefunds.Earlier.None, false).Keys);
    }

    [Fact]
    public void The_remainder_is_every_unit_and_the_shipping_not_refunded_yet_and_completes_the_total()
    {
        var first = Refund(LineRefunds.Earlier.None, false, ("MUG-1", 2));
        var earlier = LineRefunds.Earlier.Of([first]);

        var rest = LineRefunds.Remainder(Lines, Amounts, earlier);

        Assert.Equal(new[] { ("MUG-1", 1), ("POT-1", 1) }, rest.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(100m, rest.ShippingEtb);
        Assert.Equal(Amounts.TotalEtb, first.TotalEtb + rest.TotalEtb);
        Assert.True(LineRefunds.CoversEveryUnitLeft(Lines, earlier, [new("MUG-1", 1), new("POT-1", 1)]));
        Assert.False(LineRefunds.CoversEveryUnitLeft(Lines, earlier, [new("MUG-1", 1)]));
    }
}
