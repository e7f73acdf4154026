using AddisPay.Orders.Contracts;
using AddisPay.Orders.Domain;

namespace AddisPay.UnitTests.Orders;

/// <summary>What a delivered order says was delivered once some of its units were cancelled before shipping.</summary>
public sealed class ShippedUnitsTests
{
    private static readonly OrderLine Cups = new(Guid.NewGuid(), "CUP-6", "Coffee cups", "ስኒዎች", 3, 300m, 900m);
    private static readonly OrderLine Pot = new(Guid.NewGuid(), "POT-1", "Jebena", "ጀበና", 1, 360m, 360m);

    [Fact]
    public void Units_cancelled_before_shipping_are_taken_off_their_line_and_its_total()
    {
        var shipped = ShippedUnits.Of([Cups, Pot], [new RefundLine("cup-6", "Coffee cups", "ስኒዎች", 1, 270m), new RefundLine("CUP-6", "Coffee cups", "ስኒዎች", 1, 270m)]);
        Assert.Equal([(Cups.Sku, 1, 300m), (Pot.Sku, 1, 360m)], shipped.Select(l => (l.Sku, l.Quantity, l.LineTotalEtb)));
    }

    [Fact]
    public void A_line_cancelled_whole_is_not_listed_and_nothing_cancelled_lists_the_order_as_it_was()
    {
        Assert.Equal([Cups], ShippedUnits.Of([Cups, Pot], [new RefundLine(Pot.Sku, Pot.Name, Pot.NameAm, 1, 360m)]));
        Assert.Equal([Cups, Pot], ShippedUnits.Of([Cups, Pot], []));
    }
}
