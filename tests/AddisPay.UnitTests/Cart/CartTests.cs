using AddisPay.Cart.Domain;

namespace AddisPay.UnitTests.Cart;

/// <summary>A cart's own rules: lines, quantities, merging at sign-in, ownership, and the notices of price and stock changes.</summary>
public sealed class CartTests
{
    private static readonly Guid Coffee = Guid.NewGuid();
    private static readonly Guid Jebena = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 12, 5, 9, 30, 0, TimeSpan.FromHours(3));

    private static AddisPay.Cart.Domain.Cart With(params (Guid Product, string Sku, decimal Price, int Quantity, int Available)[] lines)
    {
        var cart = AddisPay.Cart.Domain.Cart.Start();
        foreach (var l in lines) cart.Add(l.Product, l.Sku, $"Product {l.Sku}", $"ምርት {l.Sku}", l.Price, l.Quantity, l.Available);
        return cart;
    }

    [Fact]
    public void Adding_a_product_makes_a_line_with_its_price_quantity_and_stock()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 2, 10));

        var line = Assert.Single(cart.Lines);
        Assert.Equal((Coffee, "YIRGA-500", "Product YIRGA-500", "ምርት YIRGA-500", 450m, 2, 10),
            (line.ProductId, line.Sku, line.Name, line.NameAm, line.UnitPriceEtb, line.Quantity, line.Available));
    }

    [Fact]
    public void Adding_the_same_variant_again_adds_to_its_quantity_at_the_latest_price()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 2, 10), (Coffee, "YIRGA-500", 470m, 3, 8));

        var line = Assert.Single(cart.Lines);
        Assert.Equal(5, line.Quantity);
        Assert.Equal(470m, line.UnitPriceEtb);
        Assert.Equal(8, line.Available);
    }

    [Fact]
    public void Another_variant_of_the_same_product_gets_a_line_of_its_own()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 1, 10), (Coffee, "YIRGA-1000", 850m, 1, 10));
        Assert.Equal(["YIRGA-500", "YIRGA-1000"], cart.Lines.Select(l => l.Sku));
    }

    [Fact]
    public void The_subtotal_sums_the_lines_and_VAT_is_added_to_the_santim()
    {
        var cart = With((Coffee, "YIRGA-500", 0.80m, 2, 10), (Jebena, "JEB-1", 0.70m, 1, 10));

        Assert.Equal(2.30m, cart.SubtotalEtb);
        Assert.Equal(0.35m, cart.VatEtb); // 0.345, rounded half away from zero
        Assert.Equal(2.65m, cart.TotalEtb);
    }

    [Fact]
    public void Setting_a_quantity_replaces_it_and_records_the_stock_checked()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 2, 10));
        cart.SetQuantity(cart.Lines[0], 7, 9);
        Assert.Equal((7, 9), (cart.Lines[0].Quantity, cart.Lines[0].Available));
    }

    [Fact]
    public void Setting_a_quantity_of_zero_removes_the_line()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 2, 10), (Jebena, "JEB-1", 300m, 1, 5));
        cart.SetQuantity(cart.LineFor("YIRGA-500")!, 0, 10);
        Assert.Equal(["JEB-1"], cart.Lines.Select(l => l.Sku));
    }

    [Fact]
    public void Removing_a_line_drops_the_notices_about_its_product_and_keeps_the_others()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 1, 10), (Jebena, "JEB-1", 300m, 1, 5));
        cart.Reprice(Guid.NewGuid(), Coffee, "YIRGA-500", 450m, 480m, At);
        var jebenaNotice = Guid.NewGuid();
        cart.Reprice(jebenaNotice, Jebena, "JEB-1", 300m, 280m, At);

        cart.Remove(cart.LineFor("YIRGA-500")!);

        Assert.Equal(jebenaNotice, Assert.Single(cart.Notices).EventId);
    }

    [Fact]
    public void Clearing_a_cart_empties_its_lines_and_notices()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 1, 10));
        cart.Reprice(Guid.NewGuid(), Coffee, "", 450m, 480m, At);
        cart.Clear();
        Assert.Empty(cart.Lines);
        Assert.Empty(cart.Notices);
        Assert.Equal(0m, cart.TotalEtb);
    }

    [Fact]
    public void A_price_change_reprices_the_line_and_leaves_a_notice_with_both_prices()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 2, 10));
        var eventId = Guid.NewGuid();

        Assert.True(cart.Reprice(eventId, Coffee, "YIRGA-500", 450m, 495.50m, At));

        Assert.Equal(495.50m, cart.Lines[0].UnitPriceEtb);
        Assert.Equal(new CartNotice(eventId, Coffee, "Product YIRGA-500", 450m, 495.50m, At, CartNotice.PriceChanged), Assert.Single(cart.Notices));
        Assert.Equal(991m, cart.SubtotalEtb);
    }

    [Fact]
    public void A_price_change_of_a_product_the_cart_does_not_hold_changes_nothing()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 2, 10));
        Assert.False(cart.Reprice(Guid.NewGuid(), Jebena, "JEB-1", 300m, 280m, At));
        Assert.False(cart.Reprice(Guid.NewGuid(), Coffee, "YIRGA-1000", 850m, 800m, At)); // another variant
        Assert.Empty(cart.Notices);
        Assert.Equal(450m, cart.Lines[0].UnitPriceEtb);
    }

    [Fact]
    public void Dismissing_the_notices_shown_keeps_one_that_arrived_since()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 1, 10));
        var shown = Guid.NewGuid();
        var later = Guid.NewGuid();
        cart.Reprice(shown, Coffee, "", 450m, 460m, At);
        cart.Reprice(later, Coffee, "", 460m, 470m, At.AddMinutes(1));

        cart.DismissNotices([shown]);

        Assert.Equal(later, Assert.Single(cart.Notices).EventId);
    }

    [Fact]
    public void Dismissing_without_naming_notices_dismisses_them_all()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 1, 10));
        cart.Reprice(Guid.NewGuid(), Coffee, "", 450m, 460m, At);
        cart.Reprice(Guid.NewGuid(), Coffee, "", 460m, 470m, At);
        cart.DismissNotices(null);
        Assert.Empty(cart.Notices);
    }

    [Fact]
    public void Stock_falling_below_the_quantity_held_tells_the_customer_once()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 3, 10));

        Assert.True(cart.UpdateAvailability(Guid.NewGuid(), Coffee, "YIRGA-500", 2, At));
        Assert.True(cart.UpdateAvailability(Guid.NewGuid(), Coffee, "YIRGA-500", 1, At)); // still short: no second notice

        Assert.Equal(CartNotice.LowAvailability, Assert.Single(cart.Notices).Kind);
        Assert.Equal(1, cart.Lines[0].Available);
        Assert.False(Assert.Single(CartView.From(cart).Lines).Purchasable);
    }

    [Fact]
    public void Stock_that_still_covers_the_quantity_changes_without_a_notice()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 3, 10));
        Assert.True(cart.UpdateAvailability(Guid.NewGuid(), Coffee, "YIRGA-500", 3, At));
        Assert.Empty(cart.Notices);
        Assert.True(Assert.Single(CartView.From(cart).Lines).Purchasable);
        Assert.False(cart.UpdateAvailability(Guid.NewGuid(), Coffee, "YIRGA-500", 3, At)); // no change at all
    }

    [Fact]
    public void A_discontinued_product_stays_in_the_cart_marked_unavailable_with_one_notice()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 1, 10), (Coffee, "YIRGA-1000", 850m, 1, 10));

        Assert.True(cart.Discontinue(Guid.NewGuid(), Coffee, At));
        Assert.False(cart.Discontinue(Guid.NewGuid(), Coffee, At)); // told once

        Assert.Equal(2, cart.Lines.Count);
        Assert.All(cart.Lines, l => Assert.True(l.Discontinued && l.Available == 0));
        Assert.All(cart.Notices, n => Assert.Equal(CartNotice.Discontinued, n.Kind));
        Assert.Equal(2, cart.Notices.Count);
        Assert.All(CartView.From(cart).Lines, l => Assert.False(l.Purchasable));
    }

    [Fact]
    public void Placing_an_order_takes_out_what_it_bought_and_keeps_units_added_since()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 5, 10), (Jebena, "JEB-1", 300m, 1, 5));

        Assert.True(cart.TakeOrdered([(Coffee, "YIRGA-500", 3), (Jebena, "JEB-1", 1)]));

        var left = Assert.Single(cart.Lines);
        Assert.Equal(("YIRGA-500", 2), (left.Sku, left.Quantity));
    }

    [Fact]
    public void Taking_out_more_than_the_cart_holds_empties_the_line_without_going_negative()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 2, 10));
        Assert.True(cart.TakeOrdered([(Coffee, "YIRGA-500", 5)]));
        Assert.Empty(cart.Lines);
    }

    [Fact]
    public void An_order_of_products_no_longer_in_the_cart_changes_nothing()
    {
        var cart = With((Coffee, "YIRGA-500", 450m, 2, 10));
        Assert.False(cart.TakeOrdered([(Jebena, "JEB-1", 1), (Coffee, "YIRGA-500", 0)]));
        Assert.Equal(2, cart.Lines[0].Quantity);
    }

    [Fact]
    public void An_anonymous_cart_answers_to_whoever_holds_its_id_and_a_claimed_one_only_to_its_owner()
    {
        var cart = AddisPay.Cart.Domain.Cart.Start();
        var owner = Guid.NewGuid();
        Assert.True(cart.IsAccessibleTo(null));
        Assert.True(cart.IsAccessibleTo(Guid.NewGuid()));

        cart.ClaimFor(owner);

        Assert.True(cart.IsAccessibleTo(owner));
        Assert.False(cart.IsAccessibleTo(Guid.NewGuid()));
        Assert.False(cart.IsAccessibleTo(null));
    }

    [Fact]
    public void Merging_a_visitors_cart_adds_its_lines_and_its_notices()
    {
        var mine = With((Coffee, "YIRGA-500", 450m, 1, 10));
        var visitor = With((Jebena, "JEB-1", 300m, 2, 5));
        var notice = Guid.NewGuid();
        visitor.Reprice(notice, Jebena, "JEB-1", 320m, 300m, At);

        mine.Absorb(visitor);

        Assert.Equal(["YIRGA-500", "JEB-1"], mine.Lines.Select(l => l.Sku));
        Assert.Equal(2, mine.LineFor("JEB-1")!.Quantity);
        Assert.Equal(notice, Assert.Single(mine.Notices).EventId);
    }

    [Fact]
    public void Merging_the_same_variant_adds_the_quantities_up_to_the_stock_available()
    {
        var mine = With((Coffee, "YIRGA-500", 450m, 2, 10));
        mine.Absorb(With((Coffee, "YIRGA-500", 450m, 3, 10)));
        Assert.Equal(5, Assert.Single(mine.Lines).Quantity);

        var short_ = With((Coffee, "YIRGA-500", 450m, 3, 4));
        short_.Absorb(With((Coffee, "YIRGA-500", 450m, 3, 4)));
        Assert.Equal(4, Assert.Single(short_.Lines).Quantity);
    }

    [Fact]
    public void Merging_a_sold_out_variant_keeps_it_in_the_cart_as_unavailable_never_as_a_line_of_nothing()
    {
        var mine = With((Coffee, "YIRGA-500", 450m, 2, 10));
        mine.UpdateAvailability(Guid.NewGuid(), Coffee, "YIRGA-500", 0, At);
        var visitor = With((Coffee, "YIRGA-500", 450m, 1, 10));
        visitor.UpdateAvailability(Guid.NewGuid(), Coffee, "YIRGA-500", 0, At);

        mine.Absorb(visitor);

        var line = Assert.Single(mine.Lines);
        Assert.True(line.Quantity > 0, $"the merged line holds {line.Quantity}");
        Assert.False(Assert.Single(CartView.From(mine).Lines).Purchasable);
    }
}
