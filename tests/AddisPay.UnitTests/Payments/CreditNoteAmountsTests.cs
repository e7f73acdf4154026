using AddisPay.Orders.Contracts;
using AddisPay.Payments.Domain;
using AddisPay.Payments.ShowCreditNote;
using AddisPay.Payments.ShowInvoice;

namespace AddisPay.UnitTests.Payments;

/// <summary>What a credit note says a refund gave back: Orders' itemised breakdown, or an amount split into net and 15% VAT.</summary>
public sealed class CreditNoteAmountsTests
{
    [Theory]
    [InlineData("115", "100", "15")]
    [InlineData("100", "86.96", "13.04")]
    [InlineData("0.01", "0.01", "0")]
    public void An_amount_alone_splits_into_a_net_rounded_to_the_santim_and_the_vat_it_carried(string amount, string net, string vat)
    {
        var note = CreditNoteAmounts.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), null);

        Assert.Equal((decimal.Parse(net, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(vat, System.Globalization.CultureInfo.InvariantCulture)),
            (note.NetEtb, note.VatEtb));
        Assert.Equal(note.TotalEtb, note.NetEtb + note.VatEtb);
        Assert.Empty(note.Lines);
    }

    [Fact]
    public void An_itemised_refund_that_adds_up_to_the_amount_is_written_line_by_line()
    {
        var breakdown = new RefundBreakdown([new RefundLine("MUG-1", "Mug", "ኩባያ", 2, 599.99m)], 100m, 699.99m, 105m);

        var note = CreditNoteAmounts.Of(804.99m, breakdown);

        var line = Assert.Single(note.Lines);
        Assert.Equal(("MUG-1", "Mug", "ኩባያ", 2, 599.99m), (line.Sku, line.Description, line.DescriptionAm, line.Quantity, line.NetEtb));
        Assert.Equal((100m, 699.99m, 105m, 804.99m), (note.ShippingEtb, note.NetEtb, note.VatEtb, note.TotalEtb));
    }

    [Fact]
    public void A_breakdown_that_does_not_add_up_to_the_amount_refunded_is_not_trusted()
    {
        var breakdown = new RefundBreakdown([new RefundLine("MUG-1", "Mug", "ኩባያ", 1, 300m)], 0m, 300m, 45m);

        var note = CreditNoteAmounts.Of(115m, breakdown);

        Assert.Equal((100m, 15m, 115m), (note.NetEtb, note.VatEtb, note.TotalEtb));
        Assert.Empty(note.Lines);
    }
}
