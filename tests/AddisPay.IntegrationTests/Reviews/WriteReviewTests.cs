using AddisPay.Orders.Contracts;
using AddisPay.Reviews.Domain;
using AddisPay.Reviews.GetRatingSummary;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>A customer writes a review of a product (POST /api/reviews/products/{id}): one per customer, valid or refused whole.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class WriteReviewTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    [Fact]
    public async Task A_review_is_published_at_once_where_the_shop_does_not_pre_moderate()
    {
        var first = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New(), rating: 4);
        Assert.Equal(ReviewStatus.Published, first.Status);
    }

    [Fact]
    public async Task A_second_review_by_the_same_customer_is_a_409_pointing_at_the_first()
    {
        var product = await _shop.NewProductAsync();
        var abebe = Customer.New();
        var first = await _shop.WriteAsync(product, abebe, rating: 4);

        using var again = await _shop.SendAsync(HttpMethod.Post, $"/api/reviews/products/{product}", abebe.Token, Body(5));
        await Shop.Expect(again, HttpStatusCode.Conflict);
        Assert.Equal($"/api/reviews/{first.Id}", again.Headers.Location?.OriginalString);
        Assert.Equal(first.Id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetGuid());
    }

    [Fact]
    public async Task A_refused_second_review_by_the_same_customer_leaves_the_summary_as_it_was()
    {
        var product = await _shop.NewProductAsync();
        var abebe = Customer.New();
        await _shop.WriteAsync(product, abebe, rating: 4);

        using (await _shop.SendAsync(HttpMethod.Post, $"/api/reviews/products/{product}", abebe.Token, Body(5))) { }

        Assert.Equal(new RatingSummary(product, 4m, 1, Stars(four: 1)), await _shop.SummaryAsync(product));
    }

    private static readonly (object Body, string Field)[] InvalidReviews =
    [
        (Body(rating: 0), "rating"),
        (Body(rating: 6), "rating"),
        (new { rating = 4, text = "Bright and floral, arrived fresh." }, "title"),
        (Body(title: new string('x', 121)), "title"),
        (Body(text: "meh"), "text"),
        (Body(text: "   meh         "), "text"),
        (Body(text: new string('x', 4001)), "text"),
        (Body(language: "fr"), "language"),
    ];

    [Fact]
    public async Task An_invalid_review_is_a_400_with_an_error_on_the_field_at_fault()
    {
        var product = await _shop.NewProductAsync();
        var customer = Customer.New();
        foreach (var (body, field) in InvalidReviews)
        {
            using var r = await _shop.SendAsync(HttpMethod.Post, $"/api/reviews/products/{product}", customer.Token, body);
            await Shop.Expect(r, HttpStatusCode.BadRequest);
            var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no '{field}' error in {problem}");
        }
    }

    [Fact]
    public async Task Invalid_reviews_write_nothing()
    {
        var product = await _shop.NewProductAsync();
        var customer = Customer.New();
        foreach (var (body, _) in InvalidReviews)
            using (await _shop.SendAsync(HttpMethod.Post, $"/api/reviews/products/{product}", customer.Token, body)) { }

        Assert.Empty(await _shop.MineAsync(customer));
        Assert.Equal(0, await _shop.CountAsync("""select count(*) from reviews.reviews where "AuthorId" = @id""", ("id", customer.Id)));
        Assert.Equal(0, (await _shop.SummaryAsync(product)).Count);
    }

    [Fact]
    public async Task A_review_of_an_unknown_product_is_a_404() =>
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/products/{Guid.NewGuid()}", Customer.New().Token, HttpStatusCode.NotFound, Body());

    [Fact]
    public async Task A_review_of_an_unknown_product_writes_nothing()
    {
        var customer = Customer.New();
        using (await _shop.SendAsync(HttpMethod.Post, $"/api/reviews/products/{Guid.NewGuid()}", customer.Token, Body())) { }
        Assert.Empty(await _shop.MineAsync(customer));
    }

    private async Task<(Guid Product, List<int> Ratings)> TwelveConcurrentReviewsAsync()
    {
        var product = await _shop.NewProductAsync();
        var ratings = Enumerable.Range(0, 12).Select(i => i % 5 + 1).ToList();
        await Task.WhenAll(ratings.Select(rating => _shop.WriteAsync(product, Customer.New(), rating)));
        return (product, ratings);
    }

    [Fact]
    public async Task Concurrent_reviews_of_one_product_all_count_in_the_summary()
    {
        var (product, ratings) = await TwelveConcurrentReviewsAsync();
        var expected = new RatingSummary(product, Math.Round((decimal)ratings.Average(), 2, MidpointRounding.AwayFromZero), 12, Stars(3, 3, 2, 2, 2));
        Assert.Equal(expected, await _shop.SummaryAsync(product));
    }

    [Fact]
    public async Task Concurrent_reviews_of_one_product_are_all_listed()
    {
        var (product, _) = await TwelveConcurrentReviewsAsync();
        Assert.Equal(12, (await _shop.ListAsync(product)).Total);
    }

    [Fact]
    public async Task After_concurrent_reviews_the_last_rating_event_carries_the_final_count()
    {
        var (product, _) = await TwelveConcurrentReviewsAsync();
        Assert.Equal(12, await _shop.CountAsync("""
            select (data->>'Count')::int from events.mt_events where type = 'reviews.product_rating_changed' and stream_id = @id order by seq_id desc limit 1
            """, ("id", product)));
    }

    [Fact]
    public async Task A_review_by_a_customer_who_has_not_paid_for_the_product_is_not_verified()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New());
        Assert.False(review.VerifiedPurchase);
    }

    [Fact]
    public async Task A_review_written_after_its_author_paid_for_the_product_is_verified_at_once()
    {
        var product = await _shop.NewProductAsync();
        var customer = Customer.New();
        await _shop.PublishAsync(new OrderPaid(Guid.NewGuid(), "AP-1001", customer.Id, [Line(product)], 450m, "chapa", "tx-1"));
        await Eventually.Until(() => _shop.PurchasesAsync(customer.Id), n => n == 1, "the paid order's purchase to be recorded");

        Assert.True((await _shop.WriteAsync(product, customer)).VerifiedPurchase);
    }

    [Fact]
    public async Task A_review_of_a_product_another_customer_paid_for_is_not_verified()
    {
        var product = await _shop.NewProductAsync();
        var buyer = Customer.New();
        await _shop.PublishAsync(new OrderPaid(Guid.NewGuid(), "AP-1001", buyer.Id, [Line(product)], 450m, "chapa", "tx-1"));
        await Eventually.Until(() => _shop.PurchasesAsync(buyer.Id), n => n == 1, "the paid order's purchase to be recorded");

        Assert.False((await _shop.WriteAsync(product, Customer.New())).VerifiedPurchase);
    }

    [Fact]
    public async Task Reviews_of_products_in_either_of_two_paid_orders_are_verified()
    {
        var (onlyInFirst, inBoth) = (await _shop.NewProductAsync(), await _shop.NewProductAsync());
        var customer = Customer.New();
        await _shop.PublishAsync(new OrderPaid(Guid.NewGuid(), "AP-2001", customer.Id, [Line(onlyInFirst), Line(inBoth)], 1035m, "chapa", "tx-2001"));
        await _shop.PublishAsync(new OrderPaid(Guid.NewGuid(), "AP-2002", customer.Id, [Line(inBoth)], 517.5m, "telebirr", "tx-2002"));
        await Eventually.Until(() => _shop.PurchasesAsync(customer.Id), n => n == 3, "both orders' purchases to be recorded");

        var (a, b) = (await _shop.WriteAsync(onlyInFirst, customer), await _shop.WriteAsync(inBoth, customer));
        Assert.True(a.VerifiedPurchase && b.VerifiedPurchase);
    }
}
