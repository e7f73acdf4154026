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

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>
/// The arrange steps of the Recommendations tests. Behaviour arrives over HTTP (views), from Cart (CartItemAdded, published
/// by a real add-to-cart), from Reviews (ProductRated, published by a real review) and from Orders (OrderPaid, published
/// here through the event log as Orders would); the models are recomputed through the admin endpoint and served from the
/// precomputed tables. The histories more than one use-case class asserts on are here, each made once per platform
/// (<see cref="RecommendationsPlatform.ArrangedAsync{T}"/>).
/// </summary>
public sealed class RecommendationsShop(RecommendationsPlatform platform)
{
    public HttpClient Http { get; } = platform.Factory.CreateClient();
    public Shop Shop { get; } = platform.Factory.Shop();

    public async Task<string> CategoryAsync()
    {
        var slug = $"rec-{Guid.NewGuid():N}"[..16];
        using var r = await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/categories", new { slug, name = "Coffee " + slug, nameAm = "ቡና" }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return slug;
    }

    public async Task<ProductView> ProductAsync(string category, string brand, int stock = 50)
    {
        var sku = $"REC-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        using var r = await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { sku, name = $"Coffee {sku}", nameAm = "ቡና", priceEtb = 350m, stock, brand, categorySlug = category, publish = true }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<ProductView>())!;
    }

    /// <summary>An order paid, as Orders will publish it.</summary>
    public Task PaidAsync(Guid customer, params Guid[] products)
    {
        var orderId = Guid.NewGuid();
        var lines = products.Select(p => new OrderLine(p, "SKU", "Coffee", "ቡና", 1, 350m, 350m)).ToList();
        return PublishAsync(new OrderPaid(orderId, $"AP-{orderId:N}"[..12], customer, lines, 350m * lines.Count, "chapa", $"ref-{orderId:N}"));
    }

    public async Task PublishAsync(IntegrationEvent e)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await platform.Factory.Services.GetRequiredService<EventLog>().PublishAsync(tx, [e], CancellationToken.None);
        await tx.CommitAsync();
    }

    public async Task ViewAsync(Guid product, string? token = null, Guid? visitor = null)
    {
        var request = Shop.Request(HttpMethod.Post, "/api/recommendations/views", new { productId = product }, token);
        if (visitor is { } v) request.Headers.Add("X-Visitor-Id", v.ToString());
        using var r = await Http.SendAsync(request);
        await Shop.Expect(r, HttpStatusCode.Accepted);
    }

    /// <summary>Waits until Recommendations has seen the products' publication and the purchases of them.</summary>
    public Task ArrivedAsync(int purchases, params Guid[] products) => Eventually.Until(async () => (
            Products: await ScalarAsync<long>("""select count(*) from recommendations.products where "ProductId" = any(@ids)""", ("ids", products)),
            Purchases: await ScalarAsync<long>("""select count(*) from recommendations.interactions where "ProductId" = any(@ids) and "Kind" = 3""", ("ids", products))),
        x => x.Products == products.Length && x.Purchases == purchases, "the products and purchases to reach Recommendations");

    /// <summary>
    /// Waits until the customer's rating of the product is recorded as <paramref name="kind"/> (null: no rating signal left);
    /// the rating signal's kind read (0: none).
    /// </summary>
    public Task<long> RatedAsync(Guid customer, Guid product, BehaviourKind? kind) => Eventually.Until(
        () => ScalarAsync<long>("""select coalesce(max("Kind"), 0)::bigint from recommendations.interactions where "Subject" = @s and "ProductId" = @p and "Kind" in (4, 5)""",
            ("s", $"u:{customer}"), ("p", product)),
        k => k == (kind is { } x ? (short)x : 0), $"the rating to reach Recommendations as {kind?.ToString() ?? "nothing"}");

    public async Task RecomputeAsync()
    {
        using var r = await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/recommendations/recompute", null, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.OK);
        Assert.True((await r.Content.ReadFromJsonAsync<RecomputeResult>())!.Products > 0);
    }

    public async Task<RecommendationList> GetAsync(string url, string? token = null)
    {
        using var r = await Http.SendAsync(Shop.Request(HttpMethod.Get, url, null, token));
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<RecommendationList>())!;
    }

    public static List<Guid> Ids(RecommendationList list) => list.Items.Select(i => i.ProductId).ToList();

    public static async Task<IReadOnlyList<string>> ProblemFieldsAsync(HttpResponseMessage response)
    {
        await Shop.Expect(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public static string Customer(Guid id) => Tokens.For(id.ToString(), "customer");

    // Histories more than one class asserts on.

    /// <summary>
    /// A was bought by five customers, B by three (all with A), C by two (both with A); D was only viewed, by u4, who bought
    /// A alone; u1 bought A and B. Recomputed.
    /// </summary>
    public sealed record PurchaseHistory(Guid A, Guid B, Guid C, Guid D, Guid U1, Guid U4);

    public static Task<PurchaseHistory> PurchaseHistoryAsync(RecommendationsPlatform platform) => platform.ArrangedAsync(async shop =>
    {
        var category = await shop.CategoryAsync();
        var (a, b, c, d) = ((await shop.ProductAsync(category, "Tomoca")).Id, (await shop.ProductAsync(category, "Tomoca")).Id, (await shop.ProductAsync(category, "Kaldis")).Id,
            (await shop.ProductAsync(category, "Kaldis")).Id);
        var (u1, u2, u3, u4, u5) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await shop.PaidAsync(u1, a, b);
        await shop.PaidAsync(u2, a, b, c);
        await shop.PaidAsync(u3, a, c);
        await shop.PaidAsync(u5, a, b);
        await shop.PaidAsync(u4, a);
        await shop.ViewAsync(d, Customer(u4));
        await shop.ArrivedAsync(10, a, b, c, d);
        await shop.RecomputeAsync();
        return new PurchaseHistory(a, b, c, d, u1, u4);
    });

    /// <summary>
    /// P bought with Q, R (3 in stock) and S by u1, with Q and R by u2, with S by u3; recomputed. Then Q archived and R's
    /// stock written off: P's bought-together list read before and after (once it holds one product), and, recomputed, its
    /// bought-together and similar lists and u3's list; then R restocked and P's list once R is back.
    /// </summary>
    public sealed record WithdrawnProducts(Guid P, Guid Q, Guid R, Guid S, List<Guid> Before, List<Guid> Withdrawn,
        List<Guid> RecomputedBoughtTogether, List<Guid> RecomputedSimilar, List<Guid> ForU3, List<Guid> Restocked);

    public static Task<WithdrawnProducts> WithdrawnProductsAsync(RecommendationsPlatform platform) => platform.ArrangedAsync(async shop =>
    {
        var category = await shop.CategoryAsync();
        var p = await shop.ProductAsync(category, "Abyssinia");
        var q = await shop.ProductAsync(category, "Abyssinia");
        var r = await shop.ProductAsync(category, "Abyssinia", stock: 3);
        var s = await shop.ProductAsync(category, "Abyssinia");
        var (u1, u2, u3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await shop.PaidAsync(u1, p.Id, q.Id, r.Id, s.Id);
        await shop.PaidAsync(u2, p.Id, q.Id, r.Id);
        await shop.PaidAsync(u3, p.Id, s.Id);
        await shop.ArrivedAsync(9, p.Id, q.Id, r.Id, s.Id);
        await shop.RecomputeAsync();
        var before = Ids(await shop.GetAsync($"/api/recommendations/products/{p.Id}/bought-together"));

        using (var archive = await shop.Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{q.Id}/archive", null, Tokens.Admin())))
            await Shop.Expect(archive, HttpStatusCode.OK);
        using (var sellOut = await shop.Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{r.Sku}/adjustments",
                   new { delta = -3, reason = "damaged" }, Tokens.Admin())))
            await Shop.Expect(sellOut, HttpStatusCode.OK);
        // Served lists are filtered at read time: no recompute is needed for a withdrawn product to vanish.
        var withdrawn = Ids(await Eventually.Until(() => shop.GetAsync($"/api/recommendations/products/{p.Id}/bought-together"),
            l => l.Items.Count == 1, "the archived and sold-out products to leave the list"));

        await shop.RecomputeAsync();
        var boughtTogether = Ids(await shop.GetAsync($"/api/recommendations/products/{p.Id}/bought-together?limit=50"));
        var similar = Ids(await shop.GetAsync($"/api/recommendations/products/{p.Id}/similar?limit=50"));
        var forU3 = Ids(await shop.GetAsync("/api/recommendations/for-me?limit=50", Customer(u3)));

        using (var restock = await shop.Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{r.Sku}/adjustments",
                   new { delta = 5, reason = "restock" }, Tokens.Admin())))
            await Shop.Expect(restock, HttpStatusCode.OK);
        var restocked = Ids(await Eventually.Until(() => shop.GetAsync($"/api/recommendations/products/{p.Id}/bought-together"),
            l => l.Items.Any(i => i.ProductId == r.Id), "the restocked product to return"));
        return new WithdrawnProducts(p.Id, q.Id, r.Id, s.Id, before, withdrawn, boughtTogether, similar, forU3, restocked);
    });

    /// <summary>Three products of a category nobody bought: "hit" viewed by three visitors, "second" by one, "fresh" by none. Recomputed.</summary>
    public sealed record ViewedOnly(string Category, Guid Hit, Guid Second, Guid Fresh);

    public static Task<ViewedOnly> ViewedOnlyAsync(RecommendationsPlatform platform) => platform.ArrangedAsync(async shop =>
    {
        var category = await shop.CategoryAsync();
        var (hit, second, fresh) = ((await shop.ProductAsync(category, "Zagol")).Id, (await shop.ProductAsync(category, "Zagol")).Id, (await shop.ProductAsync(category, "Zagol")).Id);
        for (var i = 0; i < 3; i++) await shop.ViewAsync(hit, visitor: Guid.NewGuid());
        await shop.ViewAsync(second, visitor: Guid.NewGuid());
        await shop.ArrivedAsync(0, hit, second, fresh);
        await shop.RecomputeAsync();
        return new ViewedOnly(category, hit, second, fresh);
    });

    /// <summary>
    /// A visitor's cart: 5 of a product with 1 in stock refused (409), then beans (category coffee) and 2 jebenas (category
    /// cups) added. Read: the cart's additions once both reached Recommendations, the scarce product's interactions, the
    /// cart's CartItemAdded events; recomputed, the beans' similar list; then the visitor signs in (UserSignedIn): the
    /// customer's additions once both are theirs, and the cart's left.
    /// </summary>
    public sealed record CartAdditions(Guid Beans, Guid Jebena, long CartInteractions, long ScarceInteractions, long CartItemAddedEvents,
        RecommendationList Similar, long CustomerInteractions, long CartInteractionsAfterSignIn);

    public static Task<CartAdditions> CartAdditionsAsync(RecommendationsPlatform platform) => platform.ArrangedAsync(async shop =>
    {
        var (coffee, cups) = (await shop.CategoryAsync(), await shop.CategoryAsync());
        var beans = await shop.ProductAsync(coffee, "Tomoca");
        var jebena = await shop.ProductAsync(cups, "Jebena & Co");
        var scarce = await shop.ProductAsync(cups, "Jebena & Co", stock: 1);
        var cart = await shop.Shop.CreateCartAsync();

        using (var refused = await shop.Shop.AddItemAsync(cart.Id, scarce.Id, 5)) Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using (var added = await shop.Shop.AddItemAsync(cart.Id, beans.Id, 1)) await Shop.Expect(added, HttpStatusCode.OK);
        using (var added = await shop.Shop.AddItemAsync(cart.Id, jebena.Id, 2)) await Shop.Expect(added, HttpStatusCode.OK);

        var cartInteractions = await Eventually.Until(() => shop.ScalarAsync<long>("""select count(*) from recommendations.interactions where "Subject" = @s and "Kind" = 2""",
            ("s", $"c:{cart.Id}")), n => n == 2, "both cart additions to reach Recommendations");
        var scarceInteractions = await shop.ScalarAsync<long>("""select count(*) from recommendations.interactions where "ProductId" = @p""", ("p", scarce.Id));
        var events = await shop.ScalarAsync<long>("""select count(*) from events.mt_events where stream_id = @cart and type = 'cart.cart_item_added'""", ("cart", cart.Id));

        await shop.ArrivedAsync(0, beans.Id, jebena.Id);
        await shop.RecomputeAsync();
        var similar = await shop.GetAsync($"/api/recommendations/products/{beans.Id}/similar");

        var customer = Guid.NewGuid();
        await shop.PublishAsync(new UserSignedIn(customer, cart.Id));
        var customerInteractions = await Eventually.Until(() => shop.ScalarAsync<long>(
            """select count(*) from recommendations.interactions where "Subject" = @s and "UserId" = @u and "Kind" = 2""", ("s", $"u:{customer}"), ("u", customer)),
            n => n == 2, "the cart's additions to become the customer's");
        var cartAfter = await shop.ScalarAsync<long>("""select count(*) from recommendations.interactions where "Subject" = @s""", ("s", $"c:{cart.Id}"));
        return new CartAdditions(beans.Id, jebena.Id, cartInteractions, scarceInteractions, events, similar, customerInteractions, cartAfter);
    });

    /// <summary>
    /// Others buy A with B and C with D; the customer bought A and C (recomputed: their list before). They review C with
    /// one star (a real review, which Reviews turns into ProductRated): the rating signal, and, recomputed, their list; a
    /// stranger buys C (recomputed: the stranger's list); the customer deletes the review: the signal, and, recomputed, their
    /// list; then they review B with five stars: the signal.
    /// </summary>
    public sealed record OneStarReview(Guid A, Guid B, Guid C, Guid D, RecommendationList Before, long DislikeSignal, List<Guid> Withheld,
        List<Guid> Stranger, long SignalAfterDeletion, List<Guid> AfterDeletion, long LikeSignal);

    public static Task<OneStarReview> OneStarReviewAsync(RecommendationsPlatform platform) => platform.ArrangedAsync(async shop =>
    {
        var category = await shop.CategoryAsync();
        var (a, b, c, d) = ((await shop.ProductAsync(category, "Tomoca")).Id, (await shop.ProductAsync(category, "Kaldis")).Id, (await shop.ProductAsync(category, "Moyee")).Id,
            (await shop.ProductAsync(category, "Garden")).Id);
        var customer = Guid.NewGuid();
        var token = Customer(customer);
        foreach (var other in new[] { Guid.NewGuid(), Guid.NewGuid() }) await shop.PaidAsync(other, a, b);
        foreach (var other in new[] { Guid.NewGuid(), Guid.NewGuid() }) await shop.PaidAsync(other, c, d);
        await shop.PaidAsync(customer, a, c);
        await shop.ArrivedAsync(10, a, b, c, d);
        await shop.RecomputeAsync();
        var before = await shop.GetAsync("/api/recommendations/for-me", token);

        Guid reviewId;
        using (var review = await shop.Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/products/{c}",
                   new { rating = 1, title = "Flat and stale", text = "Tasted of cardboard, would not buy again." }, token)))
        {
            await Shop.Expect(review, HttpStatusCode.Created);
            reviewId = (await review.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var dislike = await shop.RatedAsync(customer, c, BehaviourKind.Disliked);
        await shop.RecomputeAsync();
        var withheld = Ids(await shop.GetAsync("/api/recommendations/for-me?limit=50", token));

        var stranger = Guid.NewGuid();
        await shop.PaidAsync(stranger, c);
        await shop.ArrivedAsync(11, a, b, c, d);
        await shop.RecomputeAsync();
        var strangers = Ids(await shop.GetAsync("/api/recommendations/for-me?limit=50", Customer(stranger)));

        using (var delete = await shop.Http.SendAsync(Shop.Request(HttpMethod.Delete, $"/api/reviews/{reviewId}", null, token)))
            await Shop.Expect(delete, HttpStatusCode.NoContent);
        var afterDeletionSignal = await shop.RatedAsync(customer, c, null);
        await shop.RecomputeAsync();
        var afterDeletion = Ids(await shop.GetAsync("/api/recommendations/for-me?limit=50", token));

        using (var praise = await shop.Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/products/{b}",
                   new { rating = 5, title = "Wonderful", text = "Bright, floral and fresh every time." }, token)))
            await Shop.Expect(praise, HttpStatusCode.Created);
        var like = await shop.RatedAsync(customer, b, BehaviourKind.Liked);
        return new OneStarReview(a, b, c, d, before, dislike, withheld, strangers, afterDeletionSignal, afterDeletion, like);
    });
}
