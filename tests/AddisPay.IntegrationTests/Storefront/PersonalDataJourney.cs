using Npgsql;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// A customer who browsed, ordered, paid, had an order cancelled and refunded, reviewed, voted and received emails
/// downloads their data (GET /api/users/me/export): it holds each module's part, gathered through the Contracts. Then they
/// delete the account, and every module's schema is searched for what identified them until none holds it any more
/// (deletion travels by the UserDeleted event: each module's inbox finishes in its own time). Over the API only, on a
/// shop whose processes the browser journeys already run: the same steps work in one process and split.
/// </summary>
public static class PersonalDataJourney
{
    /// <summary>The schemas of the nine business modules (the shared event log is not one of them: docs/security.md).</summary>
    private static readonly string[] ModuleSchemas = ["users", "products", "cart", "orders", "payments", "notifications", "search", "recommendations", "reviews"];

    /// <summary>Modules that keep nothing under the customer's id once the account is gone (Users, Orders, Payments and Notifications keep anonymised rows).</summary>
    private static readonly string[] ForgetTheId = ["products", "cart", "search", "recommendations", "reviews"];

    public static async Task ExportThenEraseAsync(StorefrontShop shop)
    {
        using var users = shop.Api("users");
        using var cart = shop.Api("cart");
        using var orders = shop.Api("orders");
        using var payments = shop.Api("payments");
        using var products = shop.Api("products");
        using var reviews = shop.Api("reviews");
        using var recommendations = shop.Api("recommendations");

        // What identifies this customer, each written once, so a search for it finds nothing of anyone else's.
        var tag = Guid.NewGuid().ToString("N")[..10];
        var email = $"privacy-{tag}@example.et";
        var fullName = $"Tsion Privacy {tag}";
        var phone = $"09{Random.Shared.Next(10_000_000, 99_999_999)}";
        var street = $"Behind the blue gate {Guid.NewGuid():N}";
        var reviewText = $"My grandmother in Gullele wears it every day {Guid.NewGuid():N}";
        var returnReason = $"Too short for my sister in Bole {Guid.NewGuid():N}";

        var accounts = new Accounts(users, "");
        var sku = $"PRV-{tag}".ToUpperInvariant();
        var registered = accounts.RegisterAsync(email, Accounts.Password, fullName, phone);
        var product = await new Shop(products, cart).CreateProductAsync(sku, 300m, stock: 20, name: $"Cotton gabi {tag}");
        var id = await registered;
        var token = (await accounts.SignInAsync(email)).AccessToken;
        var buyer = new Buyer(cart, orders, payments, id, token);

        // Browses (a view), reviews the gabi and finds a neighbour's review of it helpful, while the orders below go on:
        // each side waits on events, and the suite's time allows no waiting in turn.
        var neighbour = Guid.NewGuid();
        async Task<Guid> BrowseReviewAndVoteAsync()
        {
            using (var view = await recommendations.SendAsync(buyer.Request(HttpMethod.Post, "/api/recommendations/views", new { productId = product.Id })))
                Assert.True(view.IsSuccessStatusCode, $"tracking a view answered {(int)view.StatusCode}");
            using (var written = await reviews.SendAsync(buyer.Request(HttpMethod.Post, $"/api/reviews/products/{product.Id}",
                       new { rating = 5, title = "Warm and soft", text = reviewText, language = "en" })))
                await Shop.Expect(written, HttpStatusCode.Created);
            Guid neighboursReview;
            using (var other = await reviews.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/products/{product.Id}",
                       new { rating = 4, title = "Good gabi", text = "Thick cotton, fair price.", language = "en" }, Tokens.For(neighbour.ToString(), "customer"))))
            {
                await Shop.Expect(other, HttpStatusCode.Created);
                neighboursReview = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
            using (var vote = await reviews.SendAsync(buyer.Request(HttpMethod.Post, $"/api/reviews/{neighboursReview}/helpful")))
                await Shop.Expect(vote, HttpStatusCode.OK);
            return neighboursReview;
        }
        var reviewing = BrowseReviewAndVoteAsync();

        // Two orders to the same address, paid together: the first is delivered, the second cancelled (so refunded). A cart stays.
        var address = new { recipient = fullName, phone, region = "Addis Ababa", city = "Addis Ababa", subCity = "Gullele", woreda = "05", details = street };
        var first = await PlaceAsync(buyer, product.Id, address);
        var payingFirst = PayAsync(buyer, first);
        // The ordered lines leave the cart through Cart's inbox: the second order must not find them there.
        await Eventually.Until(async () =>
        {
            using var mine = await cart.SendAsync(buyer.Request(HttpMethod.Get, "/api/cart/mine"));
            return (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").GetArrayLength();
        }, lines => lines == 0, "the first order's lines to leave the cart");
        var second = await PlaceAsync(buyer, product.Id, address);
        var paid = await Task.WhenAll(payingFirst, PayAsync(buyer, second));
        var (delivered, cancelled) = (paid[0], paid[1]);
        async Task DeliverAsync()
        {
            foreach (var (step, body) in new (string, object?)[]
                     {
                         ("processing", null), ("shipment", new { carrier = "Ethio Post", trackingNumber = $"EP-{tag}" }), ("delivery", null)
                     })
            {
                using var staff = await orders.SendAsync(Shop.Request(HttpMethod.Post, $"/api/orders/{delivered.Id}/{step}", body, Tokens.Admin()));
                await Shop.Expect(staff, HttpStatusCode.OK);
            }
        }
        async Task CancelAsync()
        {
            using (var cancel = await orders.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{cancelled.Id}/cancel")))
                await Shop.Expect(cancel, HttpStatusCode.OK);
            await buyer.FillCartAsync(product.Id, 3);
        }
        await Task.WhenAll(DeliverAsync(), CancelAsync());
        // The delivered gabi goes back: a return in the customer's own words.
        using (var asked = await orders.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{delivered.Id}/returns",
                   new { lines = new[] { new { sku, quantity = 1 } }, reason = returnReason })))
            await Shop.Expect(asked, HttpStatusCode.Created);
        var neighboursReview = await reviewing;

        // The export, once the events of all this (emails, behaviour, verified purchases, the refund) have been handled.
        var export = await Eventually.Until(Gently(() => ExportAsync(users, token)), e =>
                e.GetProperty("payments").GetProperty("refunds").EnumerateArray().Any(r => r.GetProperty("status").GetString() == "succeeded")
                && e.GetProperty("reviews").GetProperty("verifiedPurchases").GetArrayLength() >= 1
                && e.GetProperty("notifications").GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("body").GetString()!.Contains(delivered.Number))
                && Kinds(e).IsSupersetOf(["view", "cart", "purchase", "liked"]),
            "the export to hold the refund, the verified purchase, the emails and the behaviour", TimeSpan.FromSeconds(60));

        // Users: the profile. Cart: the cart still open.
        Assert.Equal((email, fullName), (export.GetProperty("profile").GetProperty("email").GetString(), export.GetProperty("profile").GetProperty("fullName").GetString()));
        Assert.Contains(export.GetProperty("carts").EnumerateArray(), c => c.GetRawText().Contains(sku));
        // Orders: both orders with their address, lines and timeline, and the refund of the cancelled one.
        var exportedOrders = export.GetProperty("orders").GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(new[] { delivered.Number, cancelled.Number }, exportedOrders.Select(o => o.GetProperty("number").GetString()!).ToArray());
        Assert.All(exportedOrders, o => Assert.Equal((fullName, street), (o.GetProperty("shippingAddress").GetProperty("recipient").GetString(),
            o.GetProperty("shippingAddress").GetProperty("details").GetString())));
        Assert.Equal(sku, exportedOrders[0].GetProperty("lines")[0].GetProperty("sku").GetString());
        Assert.Contains(exportedOrders[0].GetProperty("timeline").EnumerateArray(), s => s.GetProperty("status").GetString() == "delivered");
        Assert.Single(exportedOrders[1].GetProperty("refunds").EnumerateArray());
        // The return with its reason, lines and status.
        var exportedReturn = exportedOrders[0].GetProperty("returns").EnumerateArray().Single();
        Assert.Equal((returnReason, "requested", sku, 1), (exportedReturn.GetProperty("reason").GetString(), exportedReturn.GetProperty("status").GetString(),
            exportedReturn.GetProperty("lines")[0].GetProperty("sku").GetString(), exportedReturn.GetProperty("lines")[0].GetProperty("quantity").GetInt32()));
        Assert.Empty(exportedOrders[1].GetProperty("returns").EnumerateArray());
        // Payments: the attempts with the payer, both receipts, and the refund paid back.
        var exportedPayments = export.GetProperty("payments");
        Assert.Equal(2, exportedPayments.GetProperty("payments").EnumerateArray().Count(p => p.GetProperty("status").GetString() == "succeeded"));
        Assert.All(exportedPayments.GetProperty("payments").EnumerateArray(), p => Assert.Equal(email, p.GetProperty("payer").GetProperty("email").GetString()));
        Assert.Equal(new[] { delivered.Number, cancelled.Number }.Order(),
            exportedPayments.GetProperty("receipts").EnumerateArray().Select(r => r.GetProperty("orderNumber").GetString()!).Order());
        // The credit note the refund issued (it carries the payer too, so deletion must reach it as well).
        var creditNote = exportedPayments.GetProperty("creditNotes").EnumerateArray().Single();
        Assert.Equal(cancelled.Number, creditNote.GetProperty("orderNumber").GetString());
        Assert.Equal(email, creditNote.GetProperty("payer").GetProperty("email").GetString());
        // Reviews: their review, their vote, the purchase that verifies it.
        var exportedReviews = export.GetProperty("reviews");
        Assert.Equal(reviewText, exportedReviews.GetProperty("reviews").EnumerateArray().Single().GetProperty("text").GetString());
        Assert.Equal(neighboursReview, exportedReviews.GetProperty("helpfulVotes").EnumerateArray().Single().GetProperty("reviewId").GetGuid());
        // Notifications: the emails sent to them, with what they said.
        Assert.All(export.GetProperty("notifications").GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("channel").GetString() == "email"), m =>
            Assert.Equal(email, m.GetProperty("recipient").GetString()));
        Assert.Contains(export.GetProperty("notifications").GetProperty("messages").EnumerateArray(), m => m.GetProperty("body").GetString()!.Contains(delivered.Number));
        // Nothing of the neighbour's, and no secret.
        Assert.DoesNotContain(neighbour.ToString(), export.GetRawText());
        Assert.DoesNotContain("AQAAAA", export.GetRawText());

        // Deleted: every module lets go of what identified them. The same search finds it everywhere beforehand.
        var database = Databases.Of(users);
        string[] identifying = [email, fullName, phone[1..], street, reviewText, returnReason];
        var before = await Task.WhenAll(HoldersAsync(database, ModuleSchemas, identifying), HoldersAsync(database, ForgetTheId, [id.ToString()]));
        Assert.Subset(before[0].Select(t => t.Split('.')[0]).ToHashSet(), new HashSet<string> { "users", "orders", "payments", "notifications", "reviews" });
        Assert.Subset(before[1].Select(t => t.Split('.')[0]).ToHashSet(), new HashSet<string> { "cart", "reviews", "recommendations" });
        using (var gone = await users.SendAsync(buyer.Request(HttpMethod.Delete, "/api/users/me"))) await Shop.Expect(gone, HttpStatusCode.NoContent);
        await Task.WhenAll(
            Eventually.Until(Gently(() => HoldersAsync(database, ModuleSchemas, identifying)), holders => holders.Count == 0,
                "no module to hold the customer's email, name, phone, address or words", TimeSpan.FromSeconds(60)),
            Eventually.Until(Gently(() => HoldersAsync(database, ForgetTheId, [id.ToString()])), holders => holders.Count == 0,
                "Cart, Reviews and Recommendations to hold nothing under the customer's id", TimeSpan.FromSeconds(60)));

        // What the tax office needs stays: both orders with their amounts, both receipts with their numbers.
        Assert.Equal(2, await CountAsync(database, """select count(*) from orders.orders where "CustomerId" = @id and "ShippingAddress"::jsonb->>'recipient' = 'erased'""", id));
        // The return stays with its lines (it backs the stock and any credit note), without the customer's words.
        Assert.Equal(1, await CountAsync(database, """select count(*) from orders.returns where "CustomerId" = @id and "Reason" = 'erased'""", id));
        Assert.Equal(2, await CountAsync(database, """select count(*) from payments.invoices where "CustomerId" = @id and "Number" like 'INV-%'""", id));
        Assert.Equal(0, await CountAsync(database, """select count(*) from notifications.purchases where "UserId" = @id""", id));
        using (var after = await users.SendAsync(buyer.Request(HttpMethod.Get, "/api/users/me/export")))
            Assert.True(after.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, $"the export after deletion answered {(int)after.StatusCode}");
    }

    private static async Task<AddisPay.Orders.Domain.OrderView> PlaceAsync(Buyer buyer, Guid productId, object address)
    {
        using var placed = await buyer.PlaceOrderAsync(await buyer.FillCartAsync(productId), address: address);
        await Shop.Expect(placed, HttpStatusCode.Created);
        return (await placed.Content.ReadFromJsonAsync<AddisPay.Orders.Domain.OrderView>(Buyer.Json))!;
    }

    private static async Task<AddisPay.Orders.Domain.OrderView> PayAsync(Buyer buyer, AddisPay.Orders.Domain.OrderView order)
    {
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        return await buyer.OrderReachesAsync(order.Id, "paid");
    }

    /// <summary>
    /// A probe that asks again only after half a second: one export asks six modules, one search reads every table, and
    /// asking ten times a second takes the processor from the very inboxes the test waits for.
    /// </summary>
    private static Func<Task<T>> Gently<T>(Func<Task<T>> probe)
    {
        var asked = false;
        return async () =>
        {
            if (asked) await Task.Delay(400);
            asked = true;
            return await probe();
        };
    }

    private static async Task<JsonElement> ExportAsync(HttpClient users, string token)
    {
        using var r = await users.SendAsync(Shop.Request(HttpMethod.Get, "/api/users/me/export", null, token));
        await Shop.Expect(r, HttpStatusCode.OK);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static HashSet<string> Kinds(JsonElement export) =>
        export.GetProperty("recommendations").GetProperty("behaviour").EnumerateArray().Select(b => b.GetProperty("kind").GetString()!).ToHashSet();

    /// <summary>Every table of <paramref name="schemas"/> with a row whose text holds one of <paramref name="needles"/> (any case).</summary>
    private static async Task<List<string>> HoldersAsync(string database, string[] schemas, string[] needles)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            select format('%I.%I', table_schema, table_name) from information_schema.tables
             where table_schema = any(@schemas) and table_type = 'BASE TABLE' order by 1
            """, conn))
        {
            list.Parameters.AddWithValue("schemas", schemas);
            await using var r = await list.ExecuteReaderAsync();
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        }
        var holders = new List<string>();
        foreach (var table in tables)
        {
            await using var probe = new NpgsqlCommand(
                $"select exists (select 1 from {table} t where exists (select 1 from unnest(@needles) n where strpos(lower(t::text), n) > 0))", conn);
            probe.Parameters.AddWithValue("needles", needles.Select(n => n.ToLowerInvariant()).ToArray());
            if ((bool)(await probe.ExecuteScalarAsync())!) holders.Add(table);
        }
        return holders;
    }

    private static async Task<long> CountAsync(string database, string sql, Guid id)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("id", id);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
