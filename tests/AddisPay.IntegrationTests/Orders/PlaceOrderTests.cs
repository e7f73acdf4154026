using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Placing an order at checkout: coupons, saved addresses, refused input, the stock it holds (on the payments platform).</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class PlaceOrderTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<CouponUsedUp> CouponAsync() => platform.OnceAsync(CouponUsedUp.ArrangeAsync);
    private Task<OrdersToSavedAddresses> AddressesAsync() => platform.OnceAsync(OrdersToSavedAddresses.ArrangeAsync);
    private Task<CheckoutsRefused> RefusedAsync() => platform.OnceAsync(CheckoutsRefused.ArrangeAsync);

    [Fact]
    public async Task A_coupon_discounts_before_shipping_and_vat()
    {
        var amounts = (await CouponAsync()).First.Amounts;

        // 1000 − 10% = 900, + 100 shipping, + 15% VAT of 1000 = 1150.
        Assert.Equal((1000m, 100m, 100m, 150m, 1150m), (amounts.SubtotalEtb, amounts.DiscountEtb, amounts.ShippingEtb, amounts.VatEtb, amounts.TotalEtb));
    }

    [Fact]
    public async Task A_coupon_code_given_in_lower_case_is_the_coupon()
    {
        var coupon = await CouponAsync();

        Assert.Equal(coupon.Code, coupon.First.CouponCode);
    }

    [Fact]
    public async Task A_coupon_whose_uses_are_used_up_is_a_409() => Assert.Equal(HttpStatusCode.Conflict, (await CouponAsync()).UsedUp.Status);

    [Fact]
    public async Task An_unknown_coupon_code_is_a_400() => Assert.Equal(HttpStatusCode.BadRequest, (await CouponAsync()).UnknownCode.Status);

    [Fact]
    public async Task A_percentage_coupon_is_shared_between_the_lines_and_vat_is_charged_on_the_discounted_amount()
    {
        var order = (await platform.OnceAsync(LinesCancelledAndRefunded.ArrangeAsync)).Order;

        // 3 × 1,000 and 1 × 400, 10% off (300 and 40 of the 340), 100 shipping: VAT 15% of 3,160 = 474, total 3,634.
        Assert.Equal((340m, 100m, 474m, 3634m), (order.Amounts.DiscountEtb, order.Amounts.ShippingEtb, order.Amounts.VatEtb, order.Amounts.TotalEtb));
    }

    [Fact]
    public async Task A_paid_order_placed_with_a_coupon_is_one_use_of_it() =>
        Assert.Equal(11, (await platform.OnceAsync(CouponOrderCancelledInParts.ArrangeAsync)).UsesWhenPaid); // one redemption (× 10) and one use

    [Fact]
    public async Task A_placed_order_holds_its_units_in_stock() =>
        Assert.Equal(3, (await platform.OnceAsync(SandboxPaymentDeclined.ArrangeAsync)).HeldAtOrder.Reserved);

    [Fact]
    public async Task An_order_to_another_customers_saved_address_is_a_400_on_addressId()
    {
        var refused = (await AddressesAsync()).ToAnothersAddress;

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("addressId", refused.Body);
    }

    [Fact]
    public async Task An_order_without_an_address_is_a_400() => Assert.Equal(HttpStatusCode.BadRequest, (await AddressesAsync()).WithoutAddress.Status);

    [Fact]
    public async Task An_order_ships_to_the_customers_saved_address()
    {
        var addresses = await AddressesAsync();

        Assert.Equal(HttpStatusCode.Created, addresses.ToOwnAddress.Status);
        var address = addresses.Order!.ShippingAddress;
        Assert.Equal(("Hana Girma", "+251922334455", "Sidama", "Hawassa"), (address.Recipient, address.Phone, address.Region, address.City));
    }

    [Fact]
    public async Task Shipping_outside_addis_ababa_costs_250_birr()
    {
        var addresses = await AddressesAsync();

        Assert.Equal(250m, Assert.IsType<AddisPay.Orders.Domain.OrderView>(addresses.Order).Amounts.ShippingEtb);
    }

    [Fact]
    public async Task An_invalid_shipping_address_is_a_400_naming_each_bad_field()
    {
        var bad = (await RefusedAsync()).BadAddress;

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        foreach (var field in new[] { "shippingAddress.recipient", "shippingAddress.phone", "shippingAddress.region", "shippingAddress.details" })
            Assert.Contains(field, bad.Body);
    }

    [Fact]
    public async Task Ordering_a_cart_that_is_not_the_customers_is_a_404() => Assert.Equal(HttpStatusCode.NotFound, (await RefusedAsync()).OthersCart.Status);

    [Fact]
    public async Task Refused_checkouts_place_no_order_and_hold_no_stock()
    {
        var refused = await RefusedAsync();

        Assert.Equal(0, await _shop.CountAsync("select count(*) from orders.orders where \"CustomerId\"::text = @id", refused.Buyer.Id));
        Assert.Equal(0, (await _shop.StockAsync(refused.Product.Sku)).Reserved);
    }

    private Task<OrderLifeCycle> LifeAsync() => platform.OnceAsync(OrderLifeCycle.ArrangeAsync);
    private Task<KeyedOrders> KeyedOrdersAsync() => platform.OnceAsync(KeyedOrders.ArrangeAsync);
    private Task<LastFiveUnits> LastFiveAsync() => platform.OnceAsync(LastFiveUnits.ArrangeAsync);

    [Fact]
    public async Task A_placed_order_waits_for_payment_with_its_total_and_a_number()
    {
        var placed = (await LifeAsync()).Placed;

        Assert.Equal(("pending_payment", 2415m), (placed.Status, placed.Amounts.TotalEtb));
        Assert.Matches("^AP\\d{6}$", placed.Number);
    }

    [Fact]
    public async Task A_placed_order_holds_its_units_and_leaves_the_rest_available()
    {
        var held = (await LifeAsync()).Held;

        Assert.Equal((10, 2, 8), (held.OnHand, held.Reserved, held.Available));
    }

    [Fact]
    public async Task An_order_without_an_idempotency_key_is_a_400_naming_it()
    {
        var withoutKey = (await KeyedOrdersAsync()).WithoutKey;

        Assert.Equal(HttpStatusCode.BadRequest, withoutKey.Status);
        Assert.Contains("Idempotency-Key", withoutKey.Body);
    }

    [Fact]
    public async Task Ten_identical_orders_sent_at_once_place_one_and_the_others_wait_or_get_its_answer()
    {
        var atOnce = (await KeyedOrdersAsync()).AtOnce;

        Assert.All(atOnce, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict })); // 409: wait
        Assert.Single(atOnce.Where(a => a.Status == HttpStatusCode.Created).Select(KeyedOrders.IdOf).Distinct());
    }

    [Fact]
    public async Task An_order_sent_again_with_its_key_replays_the_first_answer()
    {
        var keyed = await KeyedOrdersAsync();

        Assert.Equal(HttpStatusCode.Created, keyed.Retry.Status);
        Assert.True(keyed.Retry.Replayed);
        Assert.Equal(KeyedOrders.IdOf(keyed.AtOnce.First(a => a.Status == HttpStatusCode.Created)), KeyedOrders.IdOf(keyed.Retry));
    }

    [Fact]
    public async Task A_key_reused_for_another_order_is_a_422() => Assert.Equal(HttpStatusCode.UnprocessableEntity, (await KeyedOrdersAsync()).OtherBody.Status);

    [Fact]
    public async Task An_order_sent_many_times_under_one_key_is_placed_once_holding_its_unit_once()
    {
        var keyed = await KeyedOrdersAsync();

        Assert.Equal((1L, 1), (keyed.Orders, keyed.Reserved));
    }

    [Fact]
    public async Task Fifty_customers_ordering_the_last_five_units_at_once_place_exactly_five_orders()
    {
        var attempts = (await LastFiveAsync()).Attempts;

        var winners = attempts.Count(a => a.Status == HttpStatusCode.Created);
        Assert.True(winners == 5, $"{winners} orders placed; the others answered: " +
            string.Join(" | ", attempts.Where(a => a.Status != HttpStatusCode.Created).GroupBy(a => $"{(int)a.Status} {a.Body}").Select(g => $"{g.Count()}× {g.Key}")));
    }

    [Fact]
    public async Task Customers_who_find_no_units_left_get_a_409_saying_so() =>
        Assert.All((await LastFiveAsync()).Attempts.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Matches("left|no longer available", a.Body);
        });

    [Fact]
    public async Task The_five_orders_placed_hold_the_last_five_units()
    {
        var held = (await LastFiveAsync()).Held;

        Assert.Equal((5, 5, 0), (held.OnHand, held.Reserved, held.Available));
    }

    [Fact]
    public async Task Of_two_orders_placed_at_once_with_a_coupon_of_one_use_one_is_placed_and_one_refused() =>
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], (await platform.OnceAsync(CouponOfOneUseTakenAtOnce.ArrangeAsync)).Placed.Order());

    [Fact]
    public async Task A_coupon_of_one_use_taken_at_once_by_two_orders_is_used_once()
    {
        var coupon = (await platform.OnceAsync(CouponOfOneUseTakenAtOnce.ArrangeAsync)).Coupon;

        Assert.Equal((1, 0, "used_up"), (coupon.TimesUsed, coupon.Remaining, coupon.Status));
        Assert.Single(coupon.Redemptions);
    }
}
