using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Contracts;
using AddisPay.Products;
using AddisPay.Products.Domain;
using AddisPay.Recommendations.Contracts;
using AddisPay.Recommendations.Domain;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Users.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>
/// Behaviour arrives over HTTP (views), from Cart (CartItemAdded, published by a real add-to-cart), from Reviews
/// (ProductRated, published by a real review) and from Orders (OrderPaid, published here through the event log as
/// Orders would); the models are recomputed through the admin endpoint and served from the precomputed tables.
/// </summary>
public sealed class RecommendationTests(RecommendationTests.Platform platform) : IClassFixture<RecommendationTests.Platform>
{
    public sealed class Platform : IDisposable
    {
        // The schedule is off: each test recomputes when its history is in, never waiting on a timer.
        public PlatformFactory Factory { get; } = new("products,cart,reviews,recommendations", new() { ["AddisPay:Recommendations:RecomputeInterval"] = "00:00:00" });
        public void Dispose() => Factory.Dispose();
    }

    private readonly HttpClient _http = platform.Factory.CreateClient();
    private readonly Shop _shop = platform.Factory.Shop();

    [Fact]
    public async Task Purchase_history_gives_bought_together_and_personal_recommendations()
    {
        var category = await CategoryAsync();
        var (a, b, c, d) = ((await ProductAsync(category, "Tomoca")).Id, (await ProductAsync(category, "Tomoca")).Id, (await ProductAsync(category, "Kaldis")).Id,
            (await ProductAsync(category, "Kaldis")).Id);
        var (u1, u2, u3, u4, u5) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await PaidAsync(u1, a, b);
        await PaidAsync(u2, a, b, c);
        await PaidAsync(u3, a, c);
        await PaidAsync(u5, a, b);
        await PaidAsync(u4, a);
        await ViewAsync(d, Tokens.For(u4.ToString(), "customer"));
        await ArrivedAsync(10, a, b, c, d);
        await RecomputeAsync();

        // A was bought by 5, B by 3 (3 with A), C by 2 (2 with A): B scores 3/√15, C 2/√10; D was only viewed.
        var together = await GetAsync($"/api/recommendations/products/{a}/bought-together");
        Assert.Equal(RecommendationStrategies.BoughtTogether, together.Strategy);
        Assert.Equal([b, c], together.Items.Select(i => i.ProductId));

        var forMe = await GetAsync("/api/recommendations/for-me", Tokens.For(u4.ToString(), "customer"));
        Assert.Equal(RecommendationStrategies.Personal, forMe.Strategy);
        Assert.Equal([b, c, d], forMe.Items.Take(3).Select(i => i.ProductId));
        Assert.DoesNotContain(a, forMe.Items.Select(i => i.ProductId));

        // u1 bought A and B: C (bought with both) leads, and neither A nor B is offered back.
        var u1List = await GetAsync("/api/recommendations/for-me", Tokens.For(u1.ToString(), "customer"));
        Assert.Equal(c, u1List.Items[0].ProductId);
        Assert.DoesNotContain(u1List.Items, i => i.ProductId == a || i.ProductId == b);
    }

    [Fact]
    public async Task A_one_star_review_withholds_the_product_and_its_close_neighbours_from_for_me_until_it_is_deleted()
    {
        var category = await CategoryAsync();
        var (a, b, c, d) = ((await ProductAsync(category, "Tomoca")).Id, (await ProductAsync(category, "Kaldis")).Id, (await ProductAsync(category, "Moyee")).Id,
            (await ProductAsync(category, "Garden")).Id);
        var customer = Guid.NewGuid();
        var token = Tokens.For(customer.ToString(), "customer");
        // Others buy A with B and C with D; the customer bought A and C, so B and D are what their list offers.
        foreach (var other in new[] { Guid.NewGuid(), Guid.NewGuid() }) await PaidAsync(other, a, b);
        foreach (var other in new[] { Guid.NewGuid(), Guid.NewGuid() }) await PaidAsync(other, c, d);
        await PaidAsync(customer, a, c);
        await ArrivedAsync(10, a, b, c, d);
        await RecomputeAsync();
        var before = await GetAsync("/api/recommendations/for-me", token);
        Assert.Equal(RecommendationStrategies.Personal, before.Strategy);
        Assert.Equal([b, d], before.Items.Take(2).Select(i => i.ProductId).Order());

        // They review C, which they bought, with one star: a real review over HTTP, which Reviews turns into ProductRated.
        using (var review = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/products/{c}",
                   new { rating = 1, title = "Flat and stale", text = "Tasted of cardboard, would not buy again." }, token)))
        {
            await Shop.Expect(review, HttpStatusCode.Created);
            var reviewId = (await review.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await RatedAsync(customer, c, BehaviourKind.Disliked);
            await RecomputeAsync();

            // D, bought with C by everyone who bought C, goes with it; B (tied to A, which they did not disown) stays,
            // and the popular top-up of a long list does not bring D back either.
            var withheld = (await GetAsync("/api/recommendations/for-me?limit=50", token)).Items.Select(i => i.ProductId).ToList();
            Assert.Contains(b, withheld);
            Assert.DoesNotContain(d, withheld);
            Assert.DoesNotContain(c, withheld);
            // The veto is theirs alone: another buyer of C still gets D.
            var stranger = Guid.NewGuid();
            await PaidAsync(stranger, c);
            await ArrivedAsync(11, a, b, c, d);
            await RecomputeAsync();
            Assert.Contains(d, (await GetAsync("/api/recommendations/for-me?limit=50", Tokens.For(stranger.ToString(), "customer"))).Items.Select(i => i.ProductId));

            // Deleting the review withdraws the rating: after the next recompute D is back.
            using (var delete = await _http.SendAsync(Shop.Request(HttpMethod.Delete, $"/api/reviews/{reviewId}", null, token)))
                await Shop.Expect(delete, HttpStatusCode.NoContent);
            await RatedAsync(customer, c, null);
            await RecomputeAsync();
            Assert.Contains(d, (await GetAsync("/api/recommendations/for-me?limit=50", token)).Items.Select(i => i.ProductId));
        }

        // Five stars is a liked product: interest that counts for more than a cart addition.
        using (var praise = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/products/{b}",
                   new { rating = 5, title = "Wonderful", text = "Bright, floral and fresh every time." }, token)))
            await Shop.Expect(praise, HttpStatusCode.Created);
        await RatedAsync(customer, b, BehaviourKind.Liked);
    }

    [Fact]
    public async Task Never_recommends_the_product_itself_archived_or_sold_out_products_or_what_the_customer_bought()
    {
        var category = await CategoryAsync();
        var p = await ProductAsync(category, "Abyssinia");
        var q = await ProductAsync(category, "Abyssinia");
        var r = await ProductAsync(category, "Abyssinia", stock: 3);
        var s = await ProductAsync(category, "Abyssinia");
        var (u1, u2, u3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await PaidAsync(u1, p.Id, q.Id, r.Id, s.Id);
        await PaidAsync(u2, p.Id, q.Id, r.Id);
        await PaidAsync(u3, p.Id, s.Id);
        await ArrivedAsync(9, p.Id, q.Id, r.Id, s.Id);
        await RecomputeAsync();
        var before = await GetAsync($"/api/recommendations/products/{p.Id}/bought-together");
        Assert.Equal([q.Id, r.Id, s.Id], before.Items.Select(i => i.ProductId).Order());

        using (var archive = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{q.Id}/archive", null, Tokens.Admin())))
            await Shop.Expect(archive, HttpStatusCode.OK);
        using (var sellOut = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{r.Sku}/adjustments",
                   new { delta = -3, reason = "damaged" }, Tokens.Admin())))
            await Shop.Expect(sellOut, HttpStatusCode.OK);

        // Served lists are filtered at read time: no recompute is needed for a withdrawn product to vanish.
        var after = await Eventually.Until(() => GetAsync($"/api/recommendations/products/{p.Id}/bought-together"),
            l => l.Items.Count == 1, "the archived and sold-out products to leave the list");
        Assert.Equal(s.Id, after.Items[0].ProductId);

        await RecomputeAsync();
        foreach (var list in new[] { "bought-together", "similar" })
        {
            var items = (await GetAsync($"/api/recommendations/products/{p.Id}/{list}?limit=50")).Items.Select(i => i.ProductId).ToList();
            Assert.DoesNotContain(p.Id, items);
            Assert.DoesNotContain(q.Id, items);
            Assert.DoesNotContain(r.Id, items);
        }
        var forU3 = (await GetAsync("/api/recommendations/for-me?limit=50", Tokens.For(u3.ToString(), "customer"))).Items.Select(i => i.ProductId).ToList();
        Assert.NotEmpty(forU3);
        Assert.DoesNotContain(p.Id, forU3);
        Assert.DoesNotContain(s.Id, forU3);
        Assert.DoesNotContain(q.Id, forU3);
        Assert.DoesNotContain(r.Id, forU3);

        // Back in stock: it returns without a recompute.
        using (var restock = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{r.Sku}/adjustments",
                   new { delta = 5, reason = "restock" }, Tokens.Admin())))
            await Shop.Expect(restock, HttpStatusCode.OK);
        await Eventually.Until(() => GetAsync($"/api/recommendations/products/{p.Id}/bought-together"),
            l => l.Items.Any(i => i.ProductId == r.Id), "the restocked product to return");
    }

    [Fact]
    public async Task New_customers_and_new_products_get_popular_products()
    {
        var category = await CategoryAsync();
        var (hit, second, fresh) = ((await ProductAsync(category, "Zagol")).Id, (await ProductAsync(category, "Zagol")).Id, (await ProductAsync(category, "Zagol")).Id);
        for (var i = 0; i < 3; i++) await ViewAsync(hit, visitor: Guid.NewGuid());
        await ViewAsync(second, visitor: Guid.NewGuid());
        await ArrivedAsync(0, hit, second, fresh);
        await RecomputeAsync();

        // A product nobody bought yet: its category's most popular products, never itself.
        var together = await GetAsync($"/api/recommendations/products/{fresh}/bought-together?limit=2");
        Assert.Equal(RecommendationStrategies.Popular, together.Strategy);
        Assert.Equal([hit, second], together.Items.Select(i => i.ProductId));
        var popularInCategory = await GetAsync($"/api/recommendations/popular?category={category}");
        Assert.Equal([hit, second], popularInCategory.Items.Select(i => i.ProductId));

        // A customer with no history: the shop's popular list.
        var newcomer = await GetAsync("/api/recommendations/for-me?limit=5", Tokens.For(Guid.NewGuid().ToString(), "customer"));
        var popular = await GetAsync("/api/recommendations/popular?limit=5");
        Assert.Equal(RecommendationStrategies.Popular, newcomer.Strategy);
        Assert.NotEmpty(newcomer.Items);
        Assert.Equal(popular.Items.Select(i => i.ProductId), newcomer.Items.Select(i => i.ProductId));
    }

    [Fact]
    public async Task The_tracking_endpoint_rejects_bad_input_and_counts_a_repeated_view_once()
    {
        var category = await CategoryAsync();
        var product = (await ProductAsync(category, "Sheba")).Id;

        using (var missing = await _http.PostAsJsonAsync("/api/recommendations/views", new { }))
            Assert.Contains("productId", await ProblemFieldsAsync(missing));
        using (var empty = await _http.PostAsJsonAsync("/api/recommendations/views", new { productId = Guid.Empty }))
            Assert.Contains("productId", await ProblemFieldsAsync(empty));
        using (var garbled = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/recommendations/views")
               {
                   Content = JsonContent.Create(new { productId = product }), Headers = { { "X-Visitor-Id", "not-a-guid" } }
               }))
            Assert.Contains("visitorId", await ProblemFieldsAsync(garbled));
        using (var limit = await _http.GetAsync($"/api/recommendations/products/{product}/similar?limit=0"))
            Assert.Contains("limit", await ProblemFieldsAsync(limit));

        var visitor = Guid.NewGuid();
        await ViewAsync(product, visitor: visitor);
        await ViewAsync(product, visitor: visitor);
        Assert.Equal(1L, await ScalarAsync<long>("""select count(*) from recommendations.interactions where "Subject" = @s""", ("s", $"v:{visitor}")));
        Assert.Equal(2, await ScalarAsync<int>("""select "Count" from recommendations.interactions where "Subject" = @s""", ("s", $"v:{visitor}")));

        // A first-time visitor is given an id in a cookie, so the next view is theirs too.
        using var first = await _http.PostAsJsonAsync("/api/recommendations/views", new { productId = product });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("addispay_visitor=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adding_to_a_cart_publishes_CartItemAdded_and_recommendations_learn_from_it()
    {
        var (coffee, cups) = (await CategoryAsync(), await CategoryAsync());
        var beans = await ProductAsync(coffee, "Tomoca");
        var jebena = await ProductAsync(cups, "Jebena & Co");
        var scarce = await ProductAsync(cups, "Jebena & Co", stock: 1);
        var cart = await _shop.CreateCartAsync();

        using (var refused = await _shop.AddItemAsync(cart.Id, scarce.Id, 5)) Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using (var added = await _shop.AddItemAsync(cart.Id, beans.Id, 1)) await Shop.Expect(added, HttpStatusCode.OK);
        using (var added = await _shop.AddItemAsync(cart.Id, jebena.Id, 2)) await Shop.Expect(added, HttpStatusCode.OK);

        await Eventually.Until(() => ScalarAsync<long>("""select count(*) from recommendations.interactions where "Subject" = @s and "Kind" = 2""", ("s", $"c:{cart.Id}")),
            n => n == 2, "both cart additions to reach Recommendations");
        // Events are delivered in order: the refused addition, earlier, published nothing.
        Assert.Equal(0L, await ScalarAsync<long>("""select count(*) from recommendations.interactions where "ProductId" = @p""", ("p", scarce.Id)));
        Assert.Equal(2L, await ScalarAsync<long>("""select count(*) from events.mt_events where stream_id = @cart and type = 'cart.cart_item_added'""", ("cart", cart.Id)));

        await ArrivedAsync(0, beans.Id, jebena.Id);
        await RecomputeAsync();
        var similar = await GetAsync($"/api/recommendations/products/{beans.Id}/similar");
        Assert.Equal(RecommendationStrategies.Similar, similar.Strategy);
        Assert.Equal(jebena.Id, similar.Items[0].ProductId);

        // The visitor signs in: their cart's history becomes theirs.
        var customer = Guid.NewGuid();
        await PublishAsync(new UserSignedIn(customer, cart.Id));
        await Eventually.Until(() => ScalarAsync<long>("""select count(*) from recommendations.interactions where "Subject" = @s and "UserId" = @u and "Kind" = 2""",
            ("s", $"u:{customer}"), ("u", customer)), n => n == 2, "the cart's additions to become the customer's");
        Assert.Equal(0L, await ScalarAsync<long>("""select count(*) from recommendations.interactions where "Subject" = @s""", ("s", $"c:{cart.Id}")));
    }

    [Fact]
    public async Task The_schedule_recomputes_on_its_own_and_one_process_computes_at_a_time()
    {
        using var scheduled = new PlatformFactory("recommendations", new() { ["AddisPay:Recommendations:RecomputeInterval"] = "00:00:00.200" });
        var recompute = scheduled.Services.GetRequiredService<ModelRecompute>();
        async Task<long> RunsAsync()
        {
            await using var conn = new NpgsqlConnection(scheduled.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select count(*) from recommendations.model_runs", conn);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        await Eventually.Until(RunsAsync, n => n >= 1, "the schedule to recompute");

        // Another pod holds the lock: this one skips rather than computing the same model twice.
        await using (var otherPod = new NpgsqlConnection(scheduled.ConnectionString))
        {
            await otherPod.OpenAsync();
            await using (var take = new NpgsqlCommand($"select pg_advisory_lock({ModelRecompute.LockKey})", otherPod)) await take.ExecuteNonQueryAsync();
            Assert.Null(await recompute.RunAsync(wait: false, CancellationToken.None));
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({ModelRecompute.LockKey})", otherPod);
            await release.ExecuteNonQueryAsync();
        }
        // Released: computing goes ahead (waiting, if need be, for this pod's own scheduled run to finish).
        Assert.NotNull(await recompute.RunAsync(wait: true, CancellationToken.None));
    }

    private async Task<string> CategoryAsync()
    {
        var slug = $"rec-{Guid.NewGuid():N}"[..16];
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/categories", new { slug, name = "Coffee " + slug, nameAm = "ቡና" }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return slug;
    }

    private async Task<ProductView> ProductAsync(string category, string brand, int stock = 50)
    {
        var sku = $"REC-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { sku, name = $"Coffee {sku}", nameAm = "ቡና", priceEtb = 350m, stock, brand, categorySlug = category, publish = true }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<ProductView>())!;
    }

    /// <summary>An order paid, as Orders will publish it.</summary>
    private Task PaidAsync(Guid customer, params Guid[] products)
    {
        var orderId = Guid.NewGuid();
        var lines = products.Select(p => new OrderLine(p, "SKU", "Coffee", "ቡና", 1, 350m, 350m)).ToList();
        return PublishAsync(new OrderPaid(orderId, $"AP-{orderId:N}"[..12], customer, lines, 350m * lines.Count, "chapa", $"ref-{orderId:N}"));
    }

    private async Task PublishAsync(IntegrationEvent e)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await platform.Factory.Services.GetRequiredService<EventLog>().PublishAsync(tx, [e], CancellationToken.None);
        await tx.CommitAsync();
    }

    private async Task ViewAsync(Guid product, string? token = null, Guid? visitor = null)
    {
        var request = Shop.Request(HttpMethod.Post, "/api/recommendations/views", new { productId = product }, token);
        if (visitor is { } v) request.Headers.Add("X-Visitor-Id", v.ToString());
        using var r = await _http.SendAsync(request);
        await Shop.Expect(r, HttpStatusCode.Accepted);
    }

    /// <summary>Waits until Recommendations has seen the products' publication and the purchases of them.</summary>
    private Task ArrivedAsync(int purchases, params Guid[] products) => Eventually.Until(async () => (
            Products: await ScalarAsync<long>("""select count(*) from recommendations.products where "ProductId" = any(@ids)""", ("ids", products)),
            Purchases: await ScalarAsync<long>("""select count(*) from recommendations.interactions where "ProductId" = any(@ids) and "Kind" = 3""", ("ids", products))),
        x => x.Products == products.Length && x.Purchases == purchases, "the products and purchases to reach Recommendations");

    /// <summary>Waits until the customer's rating of the product is recorded as <paramref name="kind"/> (null: no rating signal left).</summary>
    private Task RatedAsync(Guid customer, Guid product, BehaviourKind? kind) => Eventually.Until(
        () => ScalarAsync<long>("""select coalesce(max("Kind"), 0)::bigint from recommendations.interactions where "Subject" = @s and "ProductId" = @p and "Kind" in (4, 5)""",
            ("s", $"u:{customer}"), ("p", product)),
        k => k == (kind is { } x ? (short)x : 0), $"the rating to reach Recommendations as {kind?.ToString() ?? "nothing"}");

    private async Task RecomputeAsync()
    {
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/recommendations/recompute", null, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.OK);
        Assert.True((await r.Content.ReadFromJsonAsync<RecomputeResult>())!.Products > 0);
    }

    private async Task<RecommendationList> GetAsync(string url, string? token = null)
    {
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Get, url, null, token));
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<RecommendationList>())!;
    }

    private static async Task<IReadOnlyList<string>> ProblemFieldsAsync(HttpResponseMessage response)
    {
        await Shop.Expect(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
