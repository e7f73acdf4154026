using AddisPay.IntegrationTests.Payments;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Contracts;
using AddisPay.Payments.Domain;
using AddisPay.Products.Domain;
using Npgsql;

namespace AddisPay.IntegrationTests.Orders;

// The arrangements the Orders classes on PaymentsPlatform share (PaymentsPlatform.OnceAsync), some with Payments' classes
// (credit notes): each runs one story once and records what its facts assert where a later step would change it.

/// <summary>A response's status, body and whether it was a replay (Idempotent-Replayed).</summary>
public sealed record Answer(HttpStatusCode Status, string Body, bool Replayed, TimeSpan? RetryAfter = null)
{
    public static async Task<Answer> OfAsync(Task<HttpResponseMessage> sending)
    {
        using var r = await sending;
        return new(r.StatusCode, await r.Content.ReadAsStringAsync(),
            r.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true", r.Headers.RetryAfter?.Delta);
    }
}

/// <summary>
/// 3 cups × 1,000 and a pot × 400 with 10% off, paid; refused line cancellations and refunds; the customer cancels one cup
/// (with a retry and a reuse of its key); staff refund the pot and the shipping, then try the shipping again; one more cup is
/// cancelled, and the rest processed, shipped and delivered.
/// </summary>
public sealed record LinesCancelledAndRefunded(
    Buyer Buyer, Buyer Other, OrderView Order, ProductView Cups, ProductView Pot,
    Answer TooMany, Answer UnknownSku, Answer Zero, Answer OthersOrder, Answer CustomerRefund, long RefundsAfterRefusals,
    Answer Cancel, Answer CancelAgain, Answer CancelOtherBody, OrderView AfterCancel, StockView CupsAfterCancel, CreditNoteView First,
    Answer Refund, OrderView AfterRefund, CreditNoteView Second, Answer ShippingAgain, long EmailsBeforeDelivery,
    Answer CancelMore, long RefundsAtDelivery)
{
    public static async Task<LinesCancelledAndRefunded> ArrangeAsync(PaymentShop shop)
    {
        var http = shop.Http;
        var code = $"PART{Random.Shared.Next(100000, 999999)}";
        using (var created = await http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, "/api/orders/coupons", new { code, kind = "percentage", value = 10m })))
            await Shop.Expect(created, HttpStatusCode.Created);
        var cups = await shop.Shop.CreateProductAsync(PaymentShop.NewSku("PRC"), 1000m, 10);
        var pot = await shop.Shop.CreateProductAsync(PaymentShop.NewSku("PRP"), 400m, 10);
        var buyer = await Buyer.SignUpAsync(http);
        await buyer.FillCartAsync(cups.Id, 3);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(pot.Id, 1), code);
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        var other = await Buyer.SignUpAsync(http);
        Task<Answer> CancelLines(Buyer who, object lines, string? key = null) =>
            Answer.OfAsync(http.SendAsync(who.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines }, key)));

        var tooMany = await CancelLines(buyer, new[] { new { sku = cups.Sku, quantity = 4 } });
        var unknown = await CancelLines(buyer, new[] { new { sku = cups.Sku, quantity = 1 }, new { sku = "NO-SUCH-SKU", quantity = 1 } });
        var zero = await CancelLines(buyer, new[] { new { sku = cups.Sku, quantity = 0 } });
        var theirs = await CancelLines(other, new[] { new { sku = cups.Sku, quantity = 1 } });
        var customerRefund = await Answer.OfAsync(http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/refunds/lines",
            new { lines = new[] { new { sku = pot.Sku, quantity = 1 } }, reason = "Broken" })));
        var refundsAfterRefusals = await shop.CountAsync("select count(*) from orders.refunds where \"OrderId\"::text = @id", order.Id);

        // The customer cancels one cup before shipping, with a retry, then reuses the key for two.
        var key = Guid.NewGuid().ToString();
        var cancel = await CancelLines(buyer, new[] { new { sku = cups.Sku, quantity = 1 } }, key);
        var again = await CancelLines(buyer, new[] { new { sku = cups.Sku, quantity = 1 } }, key);
        var otherBody = await CancelLines(buyer, new[] { new { sku = cups.Sku, quantity = 2 } }, key);
        var afterCancel = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 1035m, "the cancelled cup's refund");
        var cupsAfterCancel = await Eventually.Until(() => shop.StockAsync(cups.Sku), s => s.OnHand == 8, "the cancelled cup back on the shelf");
        var first = (await shop.CreditNotesAsync(buyer, order.Id, 1))[0];

        // Staff refund the pot and the shipping, then the shipping again.
        var refund = await Answer.OfAsync(http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/refunds/lines",
            new { lines = new[] { new { sku = pot.Sku, quantity = 1 } }, refundShipping = true, reason = "Arrived broken" }, Guid.NewGuid().ToString())));
        var afterRefund = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 1564m, "the refund confirmed");
        var second = (await shop.CreditNotesAsync(buyer, order.Id, 2))[1];
        var shippingAgain = await Answer.OfAsync(http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/refunds/lines", new { refundShipping = true, reason = "Again" })));
        Task<long> EmailsAsync() => shop.CountAsync("""
            select count(*) from notifications.messages where "UserId"::text = @id and "Channel" = 'email'
               and "Template" in ('order_lines_cancelled', 'credit_note_issued')
            """, buyer.Id);
        long emails;
        try { emails = await Eventually.Until(EmailsAsync, n => n == 3, "the cancellation's and both credit notes' emails"); }
        catch (TimeoutException) { emails = await EmailsAsync(); }

        // One more cup cancelled; the rest processed, shipped and delivered.
        var more = await CancelLines(buyer, new[] { new { sku = cups.Sku, quantity = 1 } });
        var refunds = await shop.CountAsync("select count(*) from orders.refunds where \"OrderId\"::text = @id", order.Id);
        await shop.MoveAsync(order.Id, "processing", "shipment", "delivery");
        return new(buyer, other, order, cups, pot, tooMany, unknown, zero, theirs, customerRefund, refundsAfterRefusals, cancel, again, otherBody,
            afterCancel, cupsAfterCancel, first, refund, afterRefund, second, shippingAgain, emails, more, refunds);
    }
}

/// <summary>2 × 600 with a coupon of 100 off from 1,000 (once per customer), paid; one unit cancelled, then the rest of the order.</summary>
public sealed record CouponOrderCancelledInParts(Buyer Buyer, OrderView Order, long UsesWhenPaid, Answer CancelOne, OrderView AfterOne, long UsesAfterOne, Answer CancelRest, long UsesAfterRest)
{
    /// <summary>The coupon's redemptions of the order × 10 + the coupon's uses.</summary>
    public static async Task<CouponOrderCancelledInParts> ArrangeAsync(PaymentShop shop)
    {
        var code = $"LINE{Random.Shared.Next(100000, 999999)}";
        using (var created = await shop.Http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, "/api/orders/coupons",
                   new { code, kind = "fixed", value = 100m, minimumOrderEtb = 1000m, usageLimit = 5, perCustomerLimit = 1 })))
            await Shop.Expect(created, HttpStatusCode.Created);
        var (buyer, order, sku) = await shop.PendingOrderAsync(price: 600m, quantity: 2, coupon: code);
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        Task<long> UsesAsync() => shop.CountAsync($"""
            select (select count(*) from orders.coupon_redemptions where "OrderId"::text = @id) * 10 + (select "TimesUsed" from orders.coupons where "Code" = '{code}')
            """, order.Id);
        var whenPaid = await UsesAsync();
        var one = await Answer.OfAsync(shop.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku, quantity = 1 } } })));
        var afterOne = await buyer.GetOrderAsync(order.Id);
        var usesAfterOne = await UsesAsync();
        var rest = await Answer.OfAsync(shop.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel")));
        return new(buyer, order, whenPaid, one, afterOne, usesAfterOne, rest, await UsesAsync());
    }
}

/// <summary>3 × 500 and 100 shipping (1,840 in all), paid; one unit cancelled (575), then the rest of the order (1,265).</summary>
public sealed record RestCancelledAfterSomeUnits(Buyer Buyer, OrderView Order, string Sku, Answer CancelOne, Answer CancelRest, OrderView Cancelled, List<CreditNoteView> Notes, StockView Stock)
{
    public static async Task<RestCancelledAfterSomeUnits> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, _) = await shop.PaidOrderAsync(price: 500m, quantity: 3);
        var sku = order.Lines[0].Sku;
        var one = await Answer.OfAsync(shop.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku, quantity = 1 } } })));
        await Eventually.Until(() => shop.StockAsync(sku), s => s.OnHand == 18, "the first unit back on the shelf");
        var rest = await Answer.OfAsync(shop.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel")));
        var cancelled = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 1840m, "everything refunded");
        var notes = await shop.CreditNotesAsync(buyer, order.Id, 2);
        var stock = await Eventually.Until(() => shop.StockAsync(sku), s => s.Movements[0].OnHandDelta == 2, "the rest restocked");
        return new(buyer, order, sku, one, rest, cancelled, notes, stock);
    }
}

/// <summary>
/// 2 mugs × 600 and a plate × 300, paid; a return asked for before delivery; delivered; refused requests (too many, another
/// customer's); a return of the plate asked for, asked for again while open, refused; the mugs and the plate asked for,
/// received before approval, approved, received without every line, received (mugs restocked, plate written off); then
/// the delivery moved back 15 days and one more return asked for.
/// </summary>
public sealed record GoodsReturned(
    Buyer Buyer, Buyer Other, OrderView Order, ProductView Mugs, ProductView Plate,
    Answer BeforeDelivery, Answer TooMany, Answer OthersOrder, long ReturnsAfterRefusals, Answer Held, Answer SecondAsk,
    Answer NotApproved, Answer MissingLine, Answer Received, OrderView Refunded, List<CreditNoteView> Notes,
    StockView MugsStock, StockView PlateStock, long DeliveriesMoved, Answer PastWindow)
{
    public static async Task<GoodsReturned> ArrangeAsync(PaymentShop shop)
    {
        var http = shop.Http;
        var mugs = await shop.Shop.CreateProductAsync(PaymentShop.NewSku("RTM"), 600m, 10);
        var plate = await shop.Shop.CreateProductAsync(PaymentShop.NewSku("RTP"), 300m, 10);
        var buyer = await Buyer.SignUpAsync(http);
        var other = await Buyer.SignUpAsync(http);
        await buyer.FillCartAsync(mugs.Id, 2);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(plate.Id, 1));
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        Task<Answer> Ask(Buyer who, params (string Sku, int Quantity)[] lines) => Answer.OfAsync(http.SendAsync(who.Request(HttpMethod.Post, $"/api/orders/{order.Id}/returns",
            new { lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }), reason = "Not what I expected" })));
        Task<Answer> Staff(string step, object? body = null) => Answer.OfAsync(http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{step}", body)));
        async Task<ReturnView> AskedAsync(params (string, int)[] lines)
        {
            var asked = await Ask(buyer, lines);
            Assert.True(asked.Status == HttpStatusCode.Created, $"A return request was answered {asked.Status}: {asked.Body}");
            return JsonSerializer.Deserialize<ReturnView>(asked.Body, Buyer.Json)!;
        }

        var early = await Ask(buyer, (mugs.Sku, 1));
        await shop.MoveAsync(order.Id, "processing", "shipment", "delivery");
        var tooMany = await Ask(buyer, (mugs.Sku, 3));
        var theirs = await Ask(other, (mugs.Sku, 1));
        var returnsAfterRefusals = await shop.CountAsync("select count(*) from orders.returns where \"OrderId\"::text = @id", order.Id);

        var refused = await AskedAsync((plate.Sku, 1));
        var held = await Ask(buyer, (plate.Sku, 1));
        using (var r = await http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{refused.Id}/refuse", new { reason = "Used" }))) await Shop.Expect(r, HttpStatusCode.OK);
        var secondAsk = await Ask(buyer, (mugs.Sku, 2), (plate.Sku, 1));
        var approved = JsonSerializer.Deserialize<ReturnView>(secondAsk.Body, Buyer.Json)!;
        var everyLine = new { lines = new[] { new { sku = mugs.Sku, outcome = "restock" }, new { sku = plate.Sku, outcome = "write_off" } } };
        var notApproved = await Staff($"{approved.Id}/receipt", everyLine);
        using (var r = await http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{approved.Id}/approve"))) await Shop.Expect(r, HttpStatusCode.OK);
        var missing = await Staff($"{approved.Id}/receipt", new { lines = new[] { new { sku = mugs.Sku, outcome = "restock" } } });
        var received = await Staff($"{approved.Id}/receipt", everyLine);
        var refunded = await buyer.OrderReachesAsync(order.Id, "partially_refunded");
        var notes = await shop.CreditNotesAsync(buyer, order.Id, 1);
        var mugStock = await Eventually.Until(() => shop.StockAsync(mugs.Sku), s => s.OnHand == 10, "the returned mugs back on the shelf");
        var plateStock = await Eventually.Until(() => shop.StockAsync(plate.Sku), s => s.Movements[0].Reason == "written_off", "the plate written off");

        // Past the window (14 days from delivery): the delivery moved back 15 days.
        var moved = await shop.CountAsync("""
            with moved as (
              update orders.orders set "Timeline" = (
                select jsonb_agg(case when s->>'to' in ('4', 'Delivered') and s->>'from' not in ('4', 'Delivered')
                                      then jsonb_set(s, '{at}', to_jsonb((s->>'at')::timestamptz - interval '15 days')) else s end order by n)
                  from jsonb_array_elements("Timeline") with ordinality e(s, n))
               where "Id"::text = @id returning 1)
            select count(*) from moved
            """, order.Id);
        var late = await Ask(buyer, (mugs.Sku, 1));
        return new(buyer, other, order, mugs, plate, early, tooMany, theirs, returnsAfterRefusals, held, secondAsk, notApproved, missing, received,
            refunded, notes, mugStock, plateStock, moved, late);
    }
}

/// <summary>
/// Payment starts of one order under Idempotency-Keys: a sandbox start and its retry, the key reused for Chapa; a Chapa
/// start held at the gateway, retried while held, released, and retried again once done.
/// </summary>
public sealed record KeyedPaymentStarts(Buyer Buyer, OrderView Order, Answer First, Answer Again, Answer OtherBody, Answer RetryWhileHeld, Answer Held, Answer AfterHeld)
{
    public static async Task<KeyedPaymentStarts> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, _) = await shop.PendingOrderAsync();
        var chapa = shop.Chapa;
        var key = Guid.NewGuid().ToString();
        Task<Answer> Start(string gateway, string k) =>
            Answer.OfAsync(shop.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway, returnUrl = "/checkout/return" }, k)));

        var first = await Start("sandbox", key);
        var again = await Start("sandbox", key);
        var otherBody = await Start("chapa", key);

        var heldKey = Guid.NewGuid().ToString();
        chapa.HoldInitialize = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Answer retry, held;
        try
        {
            var inFlight = Start("chapa", heldKey);
            await Eventually.Until(() => shop.KeysHeldAsync(heldKey), n => n == 1, "the first start to hold its key");
            retry = await Start("chapa", heldKey);
            chapa.HoldInitialize.SetResult();
            held = await inFlight;
        }
        finally
        {
            chapa.HoldInitialize?.TrySetResult();
            chapa.HoldInitialize = null;
        }
        return new(buyer, order, first, again, otherBody, retry, held, await Start("chapa", heldKey));
    }
}

/// <summary>
/// Refunds of a paid order (500) under Idempotency-Keys: 100 and its retry, the key reused for 50; a refund of 20 waiting for
/// the order's row lock (held by the test), retried while waiting, and let through.
/// </summary>
public sealed record KeyedRefunds(OrderView Order, Answer First, Answer Again, Answer OtherBody, long RefundsAfterRetries, Answer RetryWhileWaiting, Answer Waited, long RefundsAfterWait)
{
    public static async Task<KeyedRefunds> ArrangeAsync(PaymentShop shop)
    {
        var (_, order, _) = await shop.PaidOrderAsync(price: 500m, quantity: 1);
        var key = Guid.NewGuid().ToString();
        Task<Answer> Refund(decimal amountEtb, string k) =>
            Answer.OfAsync(shop.Http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb, reason = "Late delivery" }, k)));
        Task<long> RefundsAsync() => shop.CountAsync("select count(*) from orders.refunds where \"OrderId\"::text = @id", order.Id);

        var first = await Refund(100m, key);
        var again = await Refund(100m, key);
        var otherBody = await Refund(50m, key);
        var afterRetries = await RefundsAsync();

        var heldKey = Guid.NewGuid().ToString();
        await using var conn = new NpgsqlConnection(shop.Factory.ConnectionString);
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("select 1 from orders.orders where \"Id\" = @id for update", conn, tx))
        {
            lockRow.Parameters.AddWithValue("id", order.Id);
            await lockRow.ExecuteScalarAsync();
        }
        var inFlight = Refund(20m, heldKey);
        await Eventually.Until(() => shop.KeysHeldAsync(heldKey), n => n == 1, "the first refund to hold its key");
        var retry = await Refund(20m, heldKey);
        await tx.CommitAsync();
        var waited = await inFlight;
        return new(order, first, again, otherBody, afterRetries, retry, waited, await RefundsAsync());
    }
}

/// <summary>A paid order (2 × 1,200) its customer cancels before it ships.</summary>
public sealed record PaidOrderCancelledByCustomer(Buyer Buyer, OrderView Order, Answer Cancel, OrderView Cancelled)
{
    public static async Task<PaidOrderCancelledByCustomer> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, _) = await shop.PaidOrderAsync(price: 1200m, quantity: 2);
        var cancel = await Answer.OfAsync(shop.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel")));
        var cancelled = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == o.Amounts.TotalEtb, "the full refund");
        return new(buyer, order, cancel, cancelled);
    }
}

/// <summary>
/// A coupon of 10% from 500 ETB, usable once: a first order (1,000) uses it with the code in lower case; a second customer's
/// order is refused with it, and with an unknown code; the first order is cancelled and the second placed with it.
/// </summary>
public sealed record CouponUsedUp(string Code, OrderView First, Answer UsedUp, Answer UnknownCode, Answer CancelFirst, OrderView Second)
{
    public static async Task<CouponUsedUp> ArrangeAsync(PaymentShop shop)
    {
        var code = $"MESKEL{Random.Shared.Next(1000, 9999)}";
        using (var created = await shop.Http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, "/api/orders/coupons",
                   new { code, kind = "percentage", value = 10m, minimumOrderEtb = 500m, usageLimit = 1 })))
            await Shop.Expect(created, HttpStatusCode.Created);
        var (first, order, _) = await shop.PendingOrderAsync(price: 1000m, coupon: code.ToLowerInvariant());
        var product = await shop.Shop.CreateProductAsync($"CPN-{Guid.NewGuid():N}"[..16], 1000m, 5);
        var second = await Buyer.SignUpAsync(shop.Http);
        var cartId = await second.FillCartAsync(product.Id);
        var usedUp = await Answer.OfAsync(second.PlaceOrderAsync(cartId, couponCode: code));
        var unknown = await Answer.OfAsync(second.PlaceOrderAsync(cartId, couponCode: "NOSUCHCODE"));
        var cancel = await Answer.OfAsync(shop.Http.SendAsync(first.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel")));
        return new(code, order, usedUp, unknown, cancel, await second.OrderAsync(cartId, code));
    }
}

/// <summary>A customer with a saved address in Sidama, another with one in Oromia; the first orders to the other's, to none, and to their own.</summary>
public sealed record OrdersToSavedAddresses(Answer ToAnothersAddress, Answer WithoutAddress, Answer ToOwnAddress, OrderView? Order)
{
    public static async Task<OrdersToSavedAddresses> ArrangeAsync(PaymentShop shop)
    {
        var http = shop.Http;
        var product = await shop.Shop.CreateProductAsync($"ADR-{Guid.NewGuid():N}"[..16], 300m, 5);
        var buyer = await Buyer.SignUpAsync(http);
        var other = await Buyer.SignUpAsync(http);
        async Task<Guid> SaveAddressAsync(Buyer who, string region)
        {
            using var r = await http.SendAsync(who.Request(HttpMethod.Post, "/api/users/me/addresses", new
            {
                label = "Home", recipient = "Hana Girma", phone = "+251 922 334455", region, city = "Hawassa", subCity = "Tabor", woreda = "02", details = "Behind the stadium"
            }));
            await Shop.Expect(r, HttpStatusCode.Created);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var mine = await SaveAddressAsync(buyer, "Sidama");
        var theirs = await SaveAddressAsync(other, "Oromia");
        var cartId = await buyer.FillCartAsync(product.Id);
        Task<Answer> Place(object body) => Answer.OfAsync(buyer.Orders.SendAsync(buyer.Request(HttpMethod.Post, "/api/orders", body, Guid.NewGuid().ToString())));

        var toTheirs = await Place(new { cartId, addressId = theirs });
        var without = await Place(new { cartId });
        var toMine = await Place(new { cartId, addressId = mine });
        return new(toTheirs, without, toMine, toMine.Status == HttpStatusCode.Created ? JsonSerializer.Deserialize<OrderView>(toMine.Body, Buyer.Json) : null);
    }
}

/// <summary>A customer's checkouts refused: a bad shipping address, a payment at a gateway that doesn't exist, a cart that isn't theirs.</summary>
public sealed record CheckoutsRefused(Buyer Buyer, ProductView Product, Answer BadAddress, Answer UnknownGateway, Answer OthersCart)
{
    public static async Task<CheckoutsRefused> ArrangeAsync(PaymentShop shop)
    {
        var product = await shop.Shop.CreateProductAsync($"VAL-{Guid.NewGuid():N}"[..16], 300m, 5);
        var buyer = await Buyer.SignUpAsync(shop.Http);
        var cartId = await buyer.FillCartAsync(product.Id, 2);
        var bad = await Answer.OfAsync(buyer.PlaceOrderAsync(cartId, address: new { recipient = "A", phone = "12345", region = "Atlantis", city = "Addis Ababa", details = "" }));
        var pay = await Answer.OfAsync(shop.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{Guid.NewGuid()}/payments", new { gateway = "paypal" })));
        var notMine = await Answer.OfAsync(buyer.PlaceOrderAsync(Guid.NewGuid()));
        return new(buyer, product, bad, pay, notMine);
    }
}

/// <summary>
/// An order's life from cart to refunded (2 × 1,000 in Addis Ababa): quoted, placed, paid (its payment started twice), its
/// receipt read, a stranger's reads and cancellation, fulfilment (a customer's try, a delivery out of turn, a shipment
/// without a carrier), a cancellation too late, a refund request, refunds (too much, half, the rest, one more), the
/// customer's orders and staff's search.
/// </summary>
public sealed record OrderLifeCycle(
    Buyer Buyer, ProductView Product, JsonElement QuotedAmounts, OrderView Placed, StockView Held, PaymentSession Session, Guid SecondStart,
    OrderView Paid, StockView Sold, Answer Receipt, Answer StrangersReceipt, Answer StrangersOrder, Answer StrangersCancel,
    Answer CustomerProcessing, Answer DeliveryOutOfTurn, Answer ShipmentWithoutCarrier, OrderView Shipped, Answer LateCancel,
    Answer RefundRequest, Answer TooMuch, OrderView HalfRefunded, OrderView Refunded, Answer OneMore, OrderPage History, OrderPage Search)
{
    public static async Task<OrderLifeCycle> ArrangeAsync(PaymentShop shop)
    {
        var http = shop.Http;
        var product = await shop.Shop.CreateProductAsync(PaymentShop.NewSku("FLOW"), 1000m, stock: 10, name: "Sidamo coffee 1 kg");
        var buyer = await Buyer.SignUpAsync(http);
        var cartId = await buyer.FillCartAsync(product.Id, 2);

        JsonElement quoted;
        using (var quote = await http.SendAsync(buyer.Request(HttpMethod.Post, "/api/orders/quote", new { cartId, region = "Addis Ababa" })))
        {
            await Shop.Expect(quote, HttpStatusCode.OK);
            quoted = (await quote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("amounts");
        }
        var placed = await buyer.OrderAsync(cartId);
        var id = placed.Id;
        Task<Answer> Admin(string step, object? body = null) => Answer.OfAsync(http.SendAsync(PaymentShop.AsAdmin(HttpMethod.Post, $"/api/orders/{id}/{step}", body)));
        async Task<OrderView> AdminOkAsync(string step, object? body = null)
        {
            var answer = await Admin(step, body);
            Assert.True(answer.Status == HttpStatusCode.OK, $"{step} was answered {answer.Status}: {answer.Body}");
            return JsonSerializer.Deserialize<OrderView>(answer.Body, Buyer.Json)!;
        }
        var held = await shop.StockAsync(product.Sku);

        var session = await buyer.PayAsync(id);
        var second = (await buyer.PayAsync(id)).PaymentId;
        using (var paying = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paying, HttpStatusCode.OK);
        var paid = await buyer.OrderReachesAsync(id, "paid");
        var sold = await shop.StockAsync(product.Sku);

        var receipt = await Answer.OfAsync(http.SendAsync(buyer.Request(HttpMethod.Get, $"/api/payments/invoices/{id}")));
        var stranger = await Buyer.SignUpAsync(http);
        var strangersReceipt = await Answer.OfAsync(http.SendAsync(stranger.Request(HttpMethod.Get, $"/api/payments/invoices/{id}")));
        var strangersOrder = await Answer.OfAsync(http.SendAsync(stranger.Request(HttpMethod.Get, $"/api/orders/{id}")));
        var strangersCancel = await Answer.OfAsync(http.SendAsync(stranger.Request(HttpMethod.Post, $"/api/orders/{id}/cancel")));

        var customerProcessing = await Answer.OfAsync(http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{id}/processing")));
        var outOfTurn = await Admin("delivery");
        await AdminOkAsync("processing");
        var noCarrier = await Admin("shipment", new { carrier = "", trackingNumber = "x" });
        var shipped = await AdminOkAsync("shipment", new { carrier = "Ethio Post", trackingNumber = "EP-2026-0042" });
        var late = await Answer.OfAsync(http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{id}/cancel")));
        await AdminOkAsync("delivery");

        var ask = await Answer.OfAsync(http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{id}/refund-request", new { reason = "One bag arrived torn" })));
        var tooMuch = await Admin("refunds", new { amountEtb = 5000m, reason = "too much" });
        await AdminOkAsync("refunds", new { amountEtb = 1207.50m, reason = "Torn bag" });
        var half = await buyer.OrderReachesAsync(id, "partially_refunded");
        await AdminOkAsync("refunds", new { amountEtb = 1207.50m, reason = "Goodwill" });
        var refunded = await buyer.OrderReachesAsync(id, "refunded");
        var oneMore = await Admin("refunds", new { amountEtb = 1m, reason = "more" });

        OrderPage history, search;
        using (var r = await http.SendAsync(buyer.Request(HttpMethod.Get, "/api/orders?page=1&pageSize=10"))) history = (await r.Content.ReadFromJsonAsync<OrderPage>(Buyer.Json))!;
        using (var r = await http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/orders/admin/orders?status=refunded&customerId={buyer.Id}", token: Tokens.Admin())))
            search = (await r.Content.ReadFromJsonAsync<OrderPage>(Buyer.Json))!;
        return new(buyer, product, quoted, placed, held, session, second, paid, sold, receipt, strangersReceipt, strangersOrder, strangersCancel,
            customerProcessing, outOfTurn, noCarrier, shipped, late, ask, tooMuch, half, refunded, oneMore, history, search);
    }
}

/// <summary>
/// One customer's order of one unit under one Idempotency-Key: sent without a key, then ten times at once with it, again,
/// and with another address under it.
/// </summary>
public sealed record KeyedOrders(Buyer Buyer, ProductView Product, Answer WithoutKey, Answer[] AtOnce, Answer Retry, Answer OtherBody, long Orders, int Reserved)
{
    public static async Task<KeyedOrders> ArrangeAsync(PaymentShop shop)
    {
        var product = await shop.Shop.CreateProductAsync(PaymentShop.NewSku("IDEM"), 250m, stock: 50);
        var buyer = await Buyer.SignUpAsync(shop.Http);
        var cartId = await buyer.FillCartAsync(product.Id, 1);
        var key = Guid.NewGuid().ToString();

        var withoutKey = await Answer.OfAsync(shop.Http.SendAsync(buyer.Request(HttpMethod.Post, "/api/orders", new { cartId, shippingAddress = Buyer.Address() })));
        var atOnce = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Answer.OfAsync(buyer.PlaceOrderAsync(cartId, key))));
        var retry = await Answer.OfAsync(buyer.PlaceOrderAsync(cartId, key));
        var otherBody = await Answer.OfAsync(buyer.PlaceOrderAsync(cartId, key, address: Buyer.Address("Oromia")));
        var orders = await shop.CountAsync("select count(*) from orders.orders where \"CustomerId\"::text = @id", buyer.Id);
        return new(buyer, product, withoutKey, atOnce, retry, otherBody, orders, (await shop.StockAsync(product.Sku)).Reserved);
    }

    public static Guid IdOf(Answer placed) => JsonSerializer.Deserialize<OrderView>(placed.Body, Buyer.Json)!.Id;
}

/// <summary>An order of one unit (300; 4 in stock) whose customer cancels it after Products sold the unit and before Orders marked it paid.</summary>
public sealed record CancelledWhileSettling(Buyer Buyer, OrderView Order, HttpStatusCode? Cancelled, OrderView Settled, StockView Stock)
{
    public static async Task<CancelledWhileSettling> ArrangeAsync(PaymentShop shop)
    {
        var product = await shop.Shop.CreateProductAsync(PaymentShop.NewSku("RACE"), 300m, stock: 4);
        var buyer = await Buyer.SignUpAsync(shop.Http);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 1));
        var session = await buyer.PayAsync(order.Id);
        // The saga must not hold the order's lock while it calls Products, or this cancellation waits for the saga, which waits for it.
        HttpStatusCode? cancelled = null;
        PaymentsPlatform.Interleaved[order.Id] = async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var cancel = await shop.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel"), timeout.Token);
            cancelled = cancel.StatusCode;
        };
        using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);

        var settled = await Eventually.Until(() => buyer.GetOrderAsync(order.Id),
            o => o.Refunds.Count == 1 && o.Refunds[0].Status == "succeeded", "the late payment to be refunded");
        var stock = await Eventually.Until(() => shop.StockAsync(product.Sku), s => s.OnHand == 4, "the sold unit to be restocked");
        return new(buyer, order, cancelled, settled, stock);
    }
}

/// <summary>Fifty customers order the last five units (499.99) at once; the five placed orders are then paid.</summary>
public sealed record LastFiveUnits(Answer[] Attempts, StockView Held, StockView Sold)
{
    public static async Task<LastFiveUnits> ArrangeAsync(PaymentShop shop)
    {
        var product = await shop.Shop.CreateProductAsync(PaymentShop.NewSku("LAST5"), 499.99m, stock: 5);
        var buyers = new List<(Buyer Buyer, Guid CartId)>();
        for (var i = 0; i < 50; i += 10)
            buyers.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            {
                var b = await Buyer.SignUpAsync(shop.Http);
                return (b, await b.FillCartAsync(product.Id, 1));
            })));

        var attempts = await Task.WhenAll(buyers.Select(async b => (b.Buyer, Answer: await Answer.OfAsync(b.Buyer.PlaceOrderAsync(b.CartId)))));
        var held = await shop.StockAsync(product.Sku);
        await Task.WhenAll(attempts.Where(a => a.Answer.Status == HttpStatusCode.Created).Select(async w =>
        {
            var orderId = KeyedOrders.IdOf(w.Answer);
            var session = await w.Buyer.PayAsync(orderId);
            using var paid = await w.Buyer.OnSandboxPageAsync(session, "success");
            await w.Buyer.OrderReachesAsync(orderId, "paid");
        }));
        return new(attempts.Select(a => a.Answer).ToArray(), held, await shop.StockAsync(product.Sku));
    }
}

/// <summary>A coupon with a usage limit of one, given by two customers' orders placed at the same time.</summary>
public sealed record CouponOfOneUseTakenAtOnce(HttpStatusCode[] Placed, AddisPay.Orders.Contracts.StaffCoupon Coupon)
{
    public static async Task<CouponOfOneUseTakenAtOnce> ArrangeAsync(PaymentShop shop)
    {
        var coupons = new StaffCoupons(shop.Factory);
        var code = StaffCoupons.NewCode("once");
        await coupons.SendAsync(StaffCoupons.Percent(code, usageLimit: 1) with { StaffId = coupons.Staff });
        var product = await coupons.ProductAsync();
        var buyers = await Task.WhenAll(Buyer.SignUpAsync(coupons.Http), Buyer.SignUpAsync(coupons.Http));
        var carts = await Task.WhenAll(buyers.Select(b => b.FillCartAsync(product.Id)));
        var placed = await Task.WhenAll(buyers.Select((b, i) => Answer.OfAsync(b.PlaceOrderAsync(carts[i], couponCode: code))));
        return new(placed.Select(p => p.Status).ToArray(), (await coupons.SendAsync(new AddisPay.Orders.Contracts.GetStaffCoupon(code)))!);
    }
}
