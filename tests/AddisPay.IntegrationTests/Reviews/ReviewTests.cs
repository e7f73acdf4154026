using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Contracts;
using AddisPay.Reviews.Contracts;
using AddisPay.Reviews.GetRatingSummary;
using AddisPay.Reviews.ListModerationQueue;
using AddisPay.Reviews.Domain;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Users.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>
/// Reviews over real HTTP and PostgreSQL: one review per customer, verified purchases from Orders' events,
/// votes, reports, moderation, pre-moderation, rating summaries and their way into Search.
/// </summary>
public sealed class ReviewTests(ReviewTests.Platform platform) : IClassFixture<ReviewTests.Platform>
{
    public const int ReportThreshold = 2;

    public sealed class Platform : IDisposable
    {
        public PlatformFactory Factory { get; } = new("products,reviews,search", new() { ["AddisPay:Reviews:ReportThreshold"] = $"{ReportThreshold}" });
        public void Dispose() => Factory.Dispose();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _http = platform.Factory.CreateClient();

    private sealed record Customer(Guid Id, string Token);

    private static Customer NewCustomer()
    {
        var id = Guid.NewGuid();
        return new Customer(id, Tokens.For(id.ToString(), "customer"));
    }

    private static object Body(int rating = 4, string title = "Good coffee", string text = "Bright and floral, arrived fresh.", string? language = "en") =>
        new { rating, title, text, language };

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, object? body = null) =>
        _http.SendAsync(Shop.Request(method, url, body, token));

    private async Task<Guid> NewProductAsync(HttpClient? http = null, string? brand = null, string name = "Yirgacheffe coffee")
    {
        using var r = await (http ?? _http).SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { sku = $"RV-{Guid.NewGuid():N}"[..14], name, nameAm = "ቡና", brand, priceEtb = 450m, stock = 10, publish = true }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<ReviewView> WriteAsync(Guid productId, Customer author, int rating = 4, HttpClient? http = null)
    {
        using var r = await (http ?? _http).SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/products/{productId}", Body(rating), author.Token));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<ReviewView>(Json))!;
    }

    private async Task<RatingSummary> SummaryAsync(Guid productId, HttpClient? http = null) =>
        (await (http ?? _http).GetFromJsonAsync<RatingSummary>($"/api/reviews/products/{productId}/summary", Json))!;

    private async Task<ReviewPage> ListAsync(Guid productId, string query = "", HttpClient? http = null) =>
        (await (http ?? _http).GetFromJsonAsync<ReviewPage>($"/api/reviews/products/{productId}?{query}", Json))!;

    private async Task<IReadOnlyList<ReviewView>> MineAsync(Customer customer, HttpClient? http = null)
    {
        using var r = await (http ?? _http).SendAsync(Shop.Request(HttpMethod.Get, "/api/reviews/mine", null, customer.Token));
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<List<ReviewView>>(Json))!;
    }

    private async Task ExpectAsync(HttpMethod method, string url, string? token, HttpStatusCode status, object? body = null)
    {
        using var r = await SendAsync(method, url, token, body);
        await Shop.Expect(r, status);
    }

    /// <summary>Publishes another module's event the way its code will: through the event log, in a transaction.</summary>
    private static async Task PublishAsync(PlatformFactory factory, IntegrationEvent e)
    {
        await using var conn = new NpgsqlConnection(factory.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await factory.Services.GetRequiredService<EventLog>().PublishAsync(tx, [e], CancellationToken.None);
        await tx.CommitAsync();
    }

    private async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private static RatingDistribution Stars(int one = 0, int two = 0, int three = 0, int four = 0, int five = 0) => new(one, two, three, four, five);

    [Fact]
    public async Task A_second_review_by_the_same_customer_is_a_409_pointing_at_the_first_and_changes_nothing()
    {
        var product = await NewProductAsync();
        var abebe = NewCustomer();
        var first = await WriteAsync(product, abebe, rating: 4);
        Assert.Equal(ReviewStatus.Published, first.Status);

        using (var again = await SendAsync(HttpMethod.Post, $"/api/reviews/products/{product}", abebe.Token, Body(5)))
        {
            await Shop.Expect(again, HttpStatusCode.Conflict);
            Assert.Equal($"/api/reviews/{first.Id}", again.Headers.Location?.OriginalString);
            Assert.Equal(first.Id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetGuid());
        }
        Assert.Equal(new RatingSummary(product, 4m, 1, Stars(four: 1)), await SummaryAsync(product));
    }

    [Fact]
    public async Task An_edit_changes_the_review_and_moves_the_summary_that_the_newest_rating_event_carries()
    {
        var product = await NewProductAsync();
        var abebe = NewCustomer();
        var first = await WriteAsync(product, abebe, rating: 4);
        await WriteAsync(product, NewCustomer(), rating: 5);
        await WriteAsync(product, NewCustomer(), rating: 4);
        Assert.Equal(new RatingSummary(product, 4.33m, 3, Stars(four: 2, five: 1)), await SummaryAsync(product)); // 13/3, two decimals

        using (var edit = await SendAsync(HttpMethod.Put, $"/api/reviews/{first.Id}", abebe.Token, Body(2, title: "Stale beans", language: "am")))
        {
            await Shop.Expect(edit, HttpStatusCode.OK);
            var edited = (await edit.Content.ReadFromJsonAsync<ReviewView>(Json))!;
            Assert.Equal((2, "Stale beans", "am"), (edited.Rating, edited.Title, edited.Language));
            Assert.True(edited.UpdatedAt > edited.CreatedAt);
        }
        Assert.Equal(new RatingSummary(product, 3.67m, 3, Stars(two: 1, four: 1, five: 1)), await SummaryAsync(product));

        // The summary went out as an event in the same transaction: the newest one says what the endpoint says.
        Assert.Equal(1, await CountAsync("""
            select count(*) from (select data from events.mt_events where type = 'reviews.product_rating_changed' and stream_id = @id order by seq_id desc limit 1) e
            where (e.data->>'Count')::int = 3 and (e.data->>'Average')::numeric = 3.67 and (e.data->'Distribution'->>'TwoStars')::int = 1
            """, ("id", product)));
    }

    [Fact]
    public async Task Another_customer_can_neither_change_nor_delete_a_review_and_learns_nothing_beyond_a_404()
    {
        var product = await NewProductAsync();
        var (abebe, chaltu) = (NewCustomer(), NewCustomer());
        var review = await WriteAsync(product, abebe, rating: 2);

        await ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", chaltu.Token, HttpStatusCode.NotFound, Body(5));
        await ExpectAsync(HttpMethod.Delete, $"/api/reviews/{review.Id}", chaltu.Token, HttpStatusCode.NotFound);
        Assert.Equal(2, (await _http.GetFromJsonAsync<ReviewView>($"/api/reviews/{review.Id}", Json))!.Rating);
    }

    [Fact]
    public async Task A_deleted_review_leaves_the_summary_and_its_author_may_write_a_new_one()
    {
        var product = await NewProductAsync();
        var abebe = NewCustomer();
        var first = await WriteAsync(product, abebe, rating: 2);
        await WriteAsync(product, NewCustomer(), rating: 5);
        await WriteAsync(product, NewCustomer(), rating: 4);

        await ExpectAsync(HttpMethod.Delete, $"/api/reviews/{first.Id}", abebe.Token, HttpStatusCode.NoContent);
        Assert.Equal(new RatingSummary(product, 4.5m, 2, Stars(four: 1, five: 1)), await SummaryAsync(product));
        await ExpectAsync(HttpMethod.Get, $"/api/reviews/{first.Id}", null, HttpStatusCode.NotFound);
        await WriteAsync(product, abebe, rating: 1);
    }

    [Fact]
    public async Task Concurrent_reviews_of_one_product_all_count_and_the_last_event_carries_the_final_summary()
    {
        var product = await NewProductAsync();
        var ratings = Enumerable.Range(0, 12).Select(i => i % 5 + 1).ToList();
        await Task.WhenAll(ratings.Select(rating => WriteAsync(product, NewCustomer(), rating)));

        var expected = new RatingSummary(product, Math.Round((decimal)ratings.Average(), 2, MidpointRounding.AwayFromZero), 12, Stars(3, 3, 2, 2, 2));
        Assert.Equal(expected, await SummaryAsync(product));
        Assert.Equal(12, (await ListAsync(product)).Total);
        Assert.Equal(12, await CountAsync("""
            select (data->>'Count')::int from events.mt_events where type = 'reviews.product_rating_changed' and stream_id = @id order by seq_id desc limit 1
            """, ("id", product)));
    }

    [Fact]
    public async Task Invalid_reviews_are_400_with_field_errors_and_write_nothing()
    {
        var product = await NewProductAsync();
        var customer = NewCustomer();
        var cases = new (object Body, string Field)[]
        {
            (Body(rating: 0), "rating"),
            (Body(rating: 6), "rating"),
            (new { rating = 4, text = "Bright and floral, arrived fresh." }, "title"),
            (Body(title: new string('x', 121)), "title"),
            (Body(text: "meh"), "text"),
            (Body(text: "   meh         "), "text"),
            (Body(text: new string('x', 4001)), "text"),
            (Body(language: "fr"), "language"),
        };
        foreach (var (body, field) in cases)
        {
            using var r = await SendAsync(HttpMethod.Post, $"/api/reviews/products/{product}", customer.Token, body);
            await Shop.Expect(r, HttpStatusCode.BadRequest);
            var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no '{field}' error in {problem}");
        }

        Assert.Empty(await MineAsync(customer));
        Assert.Equal(0, await CountAsync("""select count(*) from reviews.reviews where "AuthorId" = @id""", ("id", customer.Id)));
        Assert.Equal(0, (await SummaryAsync(product)).Count);
    }

    [Fact]
    public async Task A_review_of_an_unknown_product_is_a_404_and_writes_nothing()
    {
        var customer = NewCustomer();
        await ExpectAsync(HttpMethod.Post, $"/api/reviews/products/{Guid.NewGuid()}", customer.Token, HttpStatusCode.NotFound, Body());
        Assert.Empty(await MineAsync(customer));
    }

    [Fact]
    public async Task An_invalid_edit_is_a_400_and_leaves_the_review_and_the_summary_as_they_were()
    {
        var product = await NewProductAsync();
        var customer = NewCustomer();
        var review = await WriteAsync(product, customer, rating: 5);
        await ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", customer.Token, HttpStatusCode.BadRequest, Body(rating: 9));
        Assert.Equal(5, Assert.Single(await MineAsync(customer)).Rating);
        Assert.Equal(5m, (await SummaryAsync(product)).Average);
    }

    [Fact]
    public async Task A_paid_order_marks_reviews_verified_whether_written_before_or_after_the_payment()
    {
        var (earlier, later, notBought) = (await NewProductAsync(), await NewProductAsync(), await NewProductAsync());
        var customer = NewCustomer();
        var before = await WriteAsync(earlier, customer);
        var unbought = await WriteAsync(notBought, customer);
        Assert.False(before.VerifiedPurchase);

        OrderLine Line(Guid productId) => new(productId, "SKU-1", "Coffee", "ቡና", 1, 450m, 450m);
        await PublishAsync(platform.Factory, new OrderPaid(Guid.NewGuid(), "AP-1001", customer.Id, [Line(earlier), Line(later)], 1035m, "chapa", "tx-1"));

        await Eventually.Until(() => _http.GetFromJsonAsync<ReviewView>($"/api/reviews/{before.Id}", Json), r => r!.VerifiedPurchase,
            "the review written before the payment to become verified");
        Assert.True((await WriteAsync(later, customer)).VerifiedPurchase);
        Assert.False((await _http.GetFromJsonAsync<ReviewView>($"/api/reviews/{unbought.Id}", Json))!.VerifiedPurchase);
        // Another customer's review of a product this one bought stays unverified.
        Assert.False((await WriteAsync(later, NewCustomer())).VerifiedPurchase);
    }

    [Fact]
    public async Task A_full_refund_removes_the_verified_mark_unless_another_paid_order_still_covers_the_product()
    {
        var (onlyInFirst, inBoth) = (await NewProductAsync(), await NewProductAsync());
        var customer = NewCustomer();
        OrderLine Line(Guid productId) => new(productId, "SKU-1", "Coffee", "ቡና", 1, 450m, 450m);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await PublishAsync(platform.Factory, new OrderPaid(first, "AP-2001", customer.Id, [Line(onlyInFirst), Line(inBoth)], 1035m, "chapa", "tx-2001"));
        await PublishAsync(platform.Factory, new OrderPaid(second, "AP-2002", customer.Id, [Line(inBoth)], 517.5m, "telebirr", "tx-2002"));
        await Eventually.Until(() => CountAsync("""select count(*) from reviews.purchases where "CustomerId" = @id""", ("id", customer.Id)),
            n => n == 3, "both orders' purchases to be recorded, one row per order and product");
        var (a, b) = (await WriteAsync(onlyInFirst, customer), await WriteAsync(inBoth, customer));
        Assert.True(a.VerifiedPurchase && b.VerifiedPurchase);
        async Task<bool> VerifiedAsync(ReviewView r) => (await _http.GetFromJsonAsync<ReviewView>($"/api/reviews/{r.Id}", Json))!.VerifiedPurchase;

        // A partial refund, then the rest of the first order. The order's events arrive in order, so once the full
        // refund took effect the partial one has been handled too (and changed nothing on its own).
        await PublishAsync(platform.Factory, new OrderRefunded(first, "AP-2001", customer.Id, 450m, 450m, Full: false));
        await PublishAsync(platform.Factory, new OrderRefunded(first, "AP-2001", customer.Id, 585m, 1035m, Full: true));
        await Eventually.Until(() => VerifiedAsync(a), v => !v, "the refunded purchase's review to lose its mark");
        Assert.True(await VerifiedAsync(b)); // the second order still covers it
        Assert.Equal(0, await CountAsync("""select count(*) from reviews.purchases where "OrderId" = @order""", ("order", first)));
        Assert.Equal(1, await CountAsync("""select count(*) from reviews.purchases where "CustomerId" = @id""", ("id", customer.Id)));

        // Another customer's refund of the same products touches nothing of theirs.
        await PublishAsync(platform.Factory, new OrderRefunded(second, "AP-2002", Guid.NewGuid(), 517.5m, 517.5m, Full: true));
        await PublishAsync(platform.Factory, new OrderRefunded(second, "AP-2002", customer.Id, 517.5m, 517.5m, Full: true));
        await Eventually.Until(() => VerifiedAsync(b), v => !v, "the last covering order's refund to remove the mark");
        Assert.Equal(0, await CountAsync("""select count(*) from reviews.purchases where "CustomerId" = @id""", ("id", customer.Id)));
        // Nothing bought any more: a new review is unverified, and the rating summary never moved with verification.
        Assert.False((await WriteAsync(await NewProductAsync(), customer)).VerifiedPurchase);
        Assert.Equal(1, (await SummaryAsync(inBoth)).Count);
    }

    [Fact]
    public async Task Reviews_of_an_archived_product_leave_the_public_listing_and_its_summary_stays()
    {
        var (archived, kept) = (await NewProductAsync(), await NewProductAsync());
        var author = NewCustomer();
        await WriteAsync(archived, author, rating: 5);
        await WriteAsync(archived, NewCustomer(), rating: 3);
        await WriteAsync(kept, author, rating: 2);
        Assert.Equal(2, (await ListAsync(archived)).Total);

        await ExpectAsync(HttpMethod.Post, $"/api/products/{archived}/archive", Tokens.Admin(), HttpStatusCode.OK);

        var page = await Eventually.Until(() => ListAsync(archived, "sort=highest"), p => p.Total == 0, "the archived product's reviews to leave the listing");
        Assert.Empty(page.Items);
        Assert.Equal(new RatingSummary(archived, 4m, 2, Stars(three: 1, five: 1)), await SummaryAsync(archived));
        Assert.Equal(2, (await MineAsync(author)).Count); // the author still has both reviews
        Assert.Equal(1, (await ListAsync(kept)).Total);
    }

    [Fact]
    public async Task Every_change_to_what_a_rating_shows_publishes_ProductRated_in_the_same_transaction()
    {
        var product = await NewProductAsync();
        var (author, other) = (NewCustomer(), NewCustomer());
        var review = await WriteAsync(product, author, rating: 5);
        await ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", author.Token, HttpStatusCode.OK, Body(5, title: "Still good")); // text only: no event
        await ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", author.Token, HttpStatusCode.OK, Body(2));
        await ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/hide", Tokens.Admin(), HttpStatusCode.OK);
        await ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/restore", Tokens.Admin(), HttpStatusCode.OK);
        var second = await WriteAsync(product, other, rating: 4);
        await ExpectAsync(HttpMethod.Delete, $"/api/reviews/{review.Id}", author.Token, HttpStatusCode.NoContent);

        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select data->>'ReviewId', (data->>'CustomerId')::uuid, (data->>'Rating')::int, (data->>'Visible')::bool
              from events.mt_events where type = 'reviews.product_rated' and stream_id = @id order by seq_id
            """, conn);
        cmd.Parameters.AddWithValue("id", product);
        var published = new List<(Guid, Guid, int, bool)>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) published.Add((Guid.Parse(r.GetString(0)), r.GetGuid(1), r.GetInt32(2), r.GetBoolean(3)));
        Assert.Equal(new (Guid, Guid, int, bool)[]
        {
            (review.Id, author.Id, 5, true), (review.Id, author.Id, 2, true), (review.Id, author.Id, 2, false), (review.Id, author.Id, 2, true),
            (second.Id, other.Id, 4, true), (review.Id, author.Id, 2, false),
        }, published);
    }

    [Fact]
    public async Task Helpful_votes_count_once_per_shopper_not_on_ones_own_review_and_can_be_taken_back()
    {
        var product = await NewProductAsync();
        var (author, voter, other) = (NewCustomer(), NewCustomer(), NewCustomer());
        var review = await WriteAsync(product, author);
        var url = $"/api/reviews/{review.Id}/helpful";

        await ExpectAsync(HttpMethod.Post, url, author.Token, HttpStatusCode.Forbidden);
        await ExpectAsync(HttpMethod.Post, url, null, HttpStatusCode.Unauthorized);
        async Task<int> VoteAsync(Customer who, HttpMethod method)
        {
            using var r = await SendAsync(method, url, who.Token);
            await Shop.Expect(r, HttpStatusCode.OK);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("helpfulCount").GetInt32();
        }
        Assert.Equal(1, await VoteAsync(voter, HttpMethod.Post));
        Assert.Equal(1, await VoteAsync(voter, HttpMethod.Post)); // a repeat changes nothing
        Assert.Equal(2, await VoteAsync(other, HttpMethod.Post));
        Assert.Equal(1, await VoteAsync(voter, HttpMethod.Delete));
        Assert.Equal(1, await VoteAsync(voter, HttpMethod.Delete)); // nothing left to take back
        Assert.Equal(1, Assert.Single((await ListAsync(product)).Items).HelpfulCount);
        await ExpectAsync(HttpMethod.Post, $"/api/reviews/{Guid.NewGuid()}/helpful", voter.Token, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_review_a_moderator_hid_keeps_the_reason_given_while_it_is_hidden_and_loses_it_when_restored()
    {
        var review = await WriteAsync(await NewProductAsync(), NewCustomer());
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();

        var hidden = await sender.Send(new ModerateReview(review.Id, ModerationDecisions.Hide, "staff:moderator", "  Names a farmer as a thief  "));

        Assert.Equal(("hidden", "Names a farmer as a thief"), (hidden.Status, hidden.HiddenReason));
        var queue = await sender.Send(new ListModerationQueue(ModerationQueues.Hidden, 1, 100));
        Assert.Equal("Names a farmer as a thief", queue.Items.Single(r => r.ReviewId == review.Id).HiddenReason);
        Assert.Null((await sender.Send(new ModerateReview(review.Id, ModerationDecisions.Restore, "staff:moderator"))).HiddenReason);
    }

    [Fact]
    public async Task A_shop_fronts_retried_review_answers_the_one_written_while_other_words_conflict_and_its_votes_and_edits_keep_the_APIs_rules()
    {
        var product = await NewProductAsync();
        var (author, voter) = (NewCustomer(), NewCustomer());
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();
        var write = new WriteShopperReview(author.Id, product, 4, "Good coffee", "Bright and floral, arrived fresh.", "am");

        var written = await sender.Send(write);
        Assert.Equal((product, 4, "published", "am"), (written.ProductId, written.Rating, written.Status, written.Language));
        Assert.Equal(written.ReviewId, (await sender.Send(write)).ReviewId); // a retry after a lost answer: the same review, not a second one
        await Assert.ThrowsAsync<ConflictException>(async () => await sender.Send(write with { Rating = 2 }));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await sender.Send(write with { Rating = 0, Text = "Short" }));
        Assert.Equal(["rating", "text"], refused.Errors.Keys.Order());

        Assert.Equal([written.ReviewId], (await sender.Send(new GetShopperReviews(author.Id, [product, Guid.NewGuid()]))).Select(r => r.ReviewId));
        Assert.Empty(await sender.Send(new GetShopperReviews(voter.Id, [product])));
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await sender.Send(new EditShopperReview(voter.Id, written.ReviewId, 1, "Not mine", "Someone else's review, rewritten.", "en")));
        Assert.Equal(5, (await sender.Send(new EditShopperReview(author.Id, written.ReviewId, 5, "Better", "Even better the second week.", "en"))).Rating);

        await Assert.ThrowsAsync<ForbiddenException>(async () => await sender.Send(new VoteReviewHelpful(author.Id, written.ReviewId)));
        Assert.Equal(new ReviewHelpfulVote(written.ReviewId, product, 1), await sender.Send(new VoteReviewHelpful(voter.Id, written.ReviewId)));
        Assert.Equal(1, (await sender.Send(new VoteReviewHelpful(voter.Id, written.ReviewId))).HelpfulCount); // once per shopper
    }

    [Fact]
    public async Task Reports_from_enough_shoppers_hide_a_review_and_moderation_hides_and_restores_it_in_listings_and_summary()
    {
        var product = await NewProductAsync();
        var (author, fan, reporter1, reporter2) = (NewCustomer(), NewCustomer(), NewCustomer(), NewCustomer());
        var review = await WriteAsync(product, author, rating: 1);
        await WriteAsync(product, fan, rating: 5);
        var reports = $"/api/reviews/{review.Id}/reports";

        await ExpectAsync(HttpMethod.Post, reports, author.Token, HttpStatusCode.Forbidden, new { reason = "spam" });
        await ExpectAsync(HttpMethod.Post, reports, reporter1.Token, HttpStatusCode.BadRequest, new { reason = "boring" });
        await ExpectAsync(HttpMethod.Post, reports, reporter1.Token, HttpStatusCode.Accepted, new { reason = "fake", note = "Never sold here" });
        await ExpectAsync(HttpMethod.Post, reports, reporter1.Token, HttpStatusCode.Accepted, new { reason = "spam" }); // the same person again
        Assert.Equal(2, (await ListAsync(product)).Total);

        await ExpectAsync(HttpMethod.Post, reports, reporter2.Token, HttpStatusCode.Accepted, new { reason = "offensive" });
        Assert.Equal(new[] { 5 }, (await ListAsync(product)).Items.Select(r => r.Rating));
        Assert.Equal(new RatingSummary(product, 5m, 1, Stars(five: 1)), await SummaryAsync(product));
        Assert.Equal(ReviewStatus.Reported, Assert.Single(await MineAsync(author)).Status); // the author still sees it, and why

        var queue = (await (await SendAsync(HttpMethod.Get, "/api/reviews/moderation?status=reported", Tokens.Admin())).Content.ReadFromJsonAsync<ModerationPage>(Json))!;
        var item = Assert.Single(queue.Items, i => i.Review.Id == review.Id);
        Assert.Equal(new[] { "fake", "offensive" }, item.Reports.Select(r => r.Reason).Order());
        await ExpectAsync(HttpMethod.Get, "/api/reviews/moderation", reporter1.Token, HttpStatusCode.Forbidden);
        await ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/restore", reporter1.Token, HttpStatusCode.Forbidden);

        await ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/restore", Tokens.Admin(), HttpStatusCode.OK);
        Assert.Equal(new RatingSummary(product, 3m, 2, Stars(one: 1, five: 1)), await SummaryAsync(product));
        Assert.Equal(2, (await ListAsync(product)).Total);
        // The reports were dealt with: one more shopper's report does not take it down again at once.
        await ExpectAsync(HttpMethod.Post, reports, NewCustomer().Token, HttpStatusCode.Accepted, new { reason = "spam" });
        Assert.Equal(2, (await ListAsync(product)).Total);

        await ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/hide", Tokens.Admin(), HttpStatusCode.OK);
        Assert.Equal(new[] { 5 }, (await ListAsync(product)).Items.Select(r => r.Rating));
        Assert.Equal(new RatingSummary(product, 5m, 1, Stars(five: 1)), await SummaryAsync(product));
        await ExpectAsync(HttpMethod.Get, $"/api/reviews/{review.Id}", fan.Token, HttpStatusCode.NotFound);
        await ExpectAsync(HttpMethod.Post, $"/api/reviews/{review.Id}/helpful", fan.Token, HttpStatusCode.NotFound);
        // Editing does not bring a hidden review back.
        await ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", author.Token, HttpStatusCode.OK, Body(3));
        Assert.Equal(1, (await SummaryAsync(product)).Count);

        await ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/restore", Tokens.Admin(), HttpStatusCode.OK);
        Assert.Equal(new RatingSummary(product, 4m, 2, Stars(three: 1, five: 1)), await SummaryAsync(product));
        Assert.Equal(new[] { 5, 3 }, (await ListAsync(product, "sort=highest")).Items.Select(r => r.Rating));
    }

    [Fact]
    public async Task Listings_sort_by_newest_most_helpful_highest_and_lowest_and_page_stably()
    {
        var product = await NewProductAsync();
        var authors = Enumerable.Range(0, 5).Select(_ => NewCustomer()).ToList();
        var written = new List<ReviewView>();
        foreach (var (author, rating) in authors.Zip([3, 5, 1, 4, 2])) written.Add(await WriteAsync(product, author, rating));
        // Helpful votes: the 1-star review gets two, the 4-star one gets one.
        foreach (var voter in authors.Take(2)) await ExpectAsync(HttpMethod.Post, $"/api/reviews/{written[2].Id}/helpful", voter.Token, HttpStatusCode.OK);
        await ExpectAsync(HttpMethod.Post, $"/api/reviews/{written[3].Id}/helpful", authors[0].Token, HttpStatusCode.OK);

        async Task<int[]> Ratings(string query) => (await ListAsync(product, query)).Items.Select(r => r.Rating).ToArray();
        Assert.Equal(new[] { 2, 4, 1, 5, 3 }, await Ratings("sort=newest"));
        Assert.Equal(new[] { 5, 4, 3, 2, 1 }, await Ratings("sort=highest"));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, await Ratings("sort=lowest"));
        Assert.Equal(new[] { 1, 4 }, (await Ratings("sort=most_helpful"))[..2]);

        var pages = new List<ReviewView>();
        for (var page = 1; page <= 3; page++)
        {
            var p = await ListAsync(product, $"sort=most_helpful&pageSize=2&page={page}");
            Assert.Equal(5, p.Total);
            Assert.Equal(page < 3 ? 2 : 1, p.Items.Count);
            pages.AddRange(p.Items);
        }
        Assert.Equal(written.Select(r => r.Id).Order(), pages.Select(r => r.Id).Order());
        await ExpectAsync(HttpMethod.Get, $"/api/reviews/products/{product}?sort=best", null, HttpStatusCode.BadRequest);
        await ExpectAsync(HttpMethod.Get, $"/api/reviews/products/{product}?pageSize=500", null, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Under_pre_moderation_new_and_edited_reviews_wait_for_approval()
    {
        using var factory = new PlatformFactory("products,reviews", new() { ["AddisPay:Reviews:PreModeration"] = "true" });
        var http = factory.CreateClient();
        var product = await NewProductAsync(http);
        var customer = NewCustomer();
        var review = await WriteAsync(product, customer, rating: 5, http);

        Assert.Equal(ReviewStatus.Pending, review.Status);
        Assert.Equal(0, (await ListAsync(product, http: http)).Total);
        Assert.Equal(0, (await SummaryAsync(product, http)).Count);
        Assert.Equal(ReviewStatus.Pending, Assert.Single(await MineAsync(customer, http)).Status);
        using (var anonymous = await http.GetAsync($"/api/reviews/{review.Id}")) Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        using (var own = await http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/reviews/{review.Id}", null, customer.Token))) Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        var pending = (await (await http.SendAsync(Shop.Request(HttpMethod.Get, "/api/reviews/moderation?status=pending", null, Tokens.Admin())))
            .Content.ReadFromJsonAsync<ModerationPage>(Json))!;
        Assert.Equal(review.Id, Assert.Single(pending.Items).Review.Id);
        using (var approve = await http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/restore", null, Tokens.Admin())))
            await Shop.Expect(approve, HttpStatusCode.OK);
        Assert.Equal(1, (await ListAsync(product, http: http)).Total);
        Assert.Equal(new RatingSummary(product, 5m, 1, Stars(five: 1)), await SummaryAsync(product, http));

        using (var edit = await http.SendAsync(Shop.Request(HttpMethod.Put, $"/api/reviews/{review.Id}", Body(1), customer.Token)))
            Assert.Equal(ReviewStatus.Pending, (await edit.Content.ReadFromJsonAsync<ReviewView>(Json))!.Status);
        Assert.Equal(0, (await ListAsync(product, http: http)).Total);
        Assert.Equal(0, (await SummaryAsync(product, http)).Count);
    }

    [Fact]
    public async Task A_deleted_users_reviews_and_votes_are_erased_and_the_summary_follows()
    {
        var product = await NewProductAsync();
        var (leaving, staying) = (NewCustomer(), NewCustomer());
        var gone = await WriteAsync(product, leaving, rating: 1);
        var kept = await WriteAsync(product, staying, rating: 5);
        await ExpectAsync(HttpMethod.Post, $"/api/reviews/{kept.Id}/helpful", leaving.Token, HttpStatusCode.OK);
        Assert.Equal(2, (await SummaryAsync(product)).Count);

        await PublishAsync(platform.Factory, new UserDeleted(leaving.Id));

        await Eventually.Until(() => SummaryAsync(product), s => s.Count == 1, "the deleted user's review to leave the summary");
        Assert.Equal(new RatingSummary(product, 5m, 1, Stars(five: 1)), await SummaryAsync(product));
        await ExpectAsync(HttpMethod.Get, $"/api/reviews/{gone.Id}", null, HttpStatusCode.NotFound);
        Assert.Equal(0, Assert.Single((await ListAsync(product)).Items).HelpfulCount);
        Assert.Equal(0, await CountAsync("""
            select (select count(*) from reviews.reviews where "AuthorId" = @id) + (select count(*) from reviews.helpful_votes where "VoterId" = @id)
            """, ("id", leaving.Id)));
    }

    [Fact]
    public async Task Search_filters_facets_and_sorts_by_the_ratings_reviews_publish_and_keeps_them_through_a_reindex()
    {
        var brand = $"Rated{Guid.NewGuid():N}"[..14];
        var (loved, mixed, unrated) = (await NewProductAsync(brand: brand, name: "Loved coffee"), await NewProductAsync(brand: brand, name: "Mixed coffee"),
            await NewProductAsync(brand: brand, name: "Unrated coffee"));
        await WriteAsync(loved, NewCustomer(), 5);
        await WriteAsync(loved, NewCustomer(), 4);
        await WriteAsync(mixed, NewCustomer(), 2);
        await WriteAsync(mixed, NewCustomer(), 3);

        Task<JsonElement> SearchAsync(string query) => _http.GetFromJsonAsync<JsonElement>($"/api/search?brand={brand}&{query}")!;
        static string[] Names(JsonElement r) => r.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToArray();

        // Both of Loved coffee's ratings, not just the first: after one 5-star review it already passes minRating=4.
        var rated = await Eventually.Until(() => SearchAsync("minRating=4"),
            r => Names(r) is ["Loved coffee"] && r.GetProperty("hits")[0].GetProperty("ratingCount").GetInt32() == 2, "both ratings to reach the search index");
        Assert.Equal(4.5m, rated.GetProperty("hits")[0].GetProperty("rating").GetDecimal());
        Assert.Equal(2, rated.GetProperty("hits")[0].GetProperty("ratingCount").GetInt32());

        // Products shows the same summary on the product page.
        var page = await Eventually.Until(() => _http.GetFromJsonAsync<JsonElement>($"/api/products/{loved}"),
            p => p.GetProperty("ratingCount").GetInt32() == 2, "the rating to reach the product page");
        Assert.Equal(4.5m, page.GetProperty("rating").GetDecimal());
        Assert.Equal(0, (await _http.GetFromJsonAsync<JsonElement>($"/api/products/{unrated}")).GetProperty("ratingCount").GetInt32());

        var all = await Eventually.Until(() => SearchAsync("sort=Rating"),
            r => r.GetProperty("hits").EnumerateArray().Sum(h => h.GetProperty("ratingCount").GetInt32()) == 4, "every rating to be indexed");
        Assert.Equal(new[] { "Loved coffee", "Mixed coffee", "Unrated coffee" }, Names(all));
        Assert.Equal(2.5m, all.GetProperty("hits")[1].GetProperty("rating").GetDecimal());
        var facet = all.GetProperty("facets").GetProperty("ratings").EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["4+"] = 1, ["3+"] = 1, ["2+"] = 2 }, facet);

        using (var reindex = await SendAsync(HttpMethod.Post, "/api/search/reindex", Tokens.Admin())) await Shop.Expect(reindex, HttpStatusCode.OK);
        Assert.Equal(new[] { "Loved coffee" }, Names(await SearchAsync("minRating=4")));
        Assert.Equal(unrated, (await SearchAsync("sort=Rating")).GetProperty("hits")[2].GetProperty("productId").GetGuid());
    }
}
