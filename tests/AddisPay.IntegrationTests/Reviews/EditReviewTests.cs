using AddisPay.Reviews.Domain;
using AddisPay.Reviews.GetRatingSummary;
using Npgsql;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>The author edits their review (PUT /api/reviews/{id}): the review, the summary and the rating events follow.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class EditReviewTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    /// <summary>A product with three reviews (4, 5 and 4 stars), the first by the returned author.</summary>
    private async Task<(Guid Product, Customer Author, ReviewView Review)> ThreeReviewsAsync()
    {
        var product = await _shop.NewProductAsync();
        var abebe = Customer.New();
        var first = await _shop.WriteAsync(product, abebe, rating: 4);
        await _shop.WriteAsync(product, Customer.New(), rating: 5);
        await _shop.WriteAsync(product, Customer.New(), rating: 4);
        return (product, abebe, first);
    }

    private async Task<ReviewView> EditAsync(ReviewView review, Customer author)
    {
        using var edit = await _shop.SendAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", author.Token, Body(2, title: "Stale beans", language: "am"));
        await Shop.Expect(edit, HttpStatusCode.OK);
        return (await edit.Content.ReadFromJsonAsync<ReviewView>(Json))!;
    }

    [Fact]
    public async Task An_edit_changes_the_reviews_rating_title_and_language()
    {
        var (_, author, review) = await ThreeReviewsAsync();
        var edited = await EditAsync(review, author);
        Assert.Equal((2, "Stale beans", "am"), (edited.Rating, edited.Title, edited.Language));
    }

    [Fact]
    public async Task An_edit_moves_the_updated_time_past_the_creation_time()
    {
        var (_, author, review) = await ThreeReviewsAsync();
        var edited = await EditAsync(review, author);
        Assert.True(edited.UpdatedAt > edited.CreatedAt);
    }

    [Fact]
    public async Task An_edit_of_the_rating_moves_the_summary()
    {
        var (product, author, review) = await ThreeReviewsAsync();
        await EditAsync(review, author);
        Assert.Equal(new RatingSummary(product, 3.67m, 3, Stars(two: 1, four: 1, five: 1)), await _shop.SummaryAsync(product));
    }

    [Fact]
    public async Task After_an_edit_the_newest_rating_event_carries_the_summary_the_endpoint_shows()
    {
        var (product, author, review) = await ThreeReviewsAsync();
        await EditAsync(review, author);
        // The summary went out as an event in the same transaction: the newest one says what the endpoint says (3.67 of 3, one two-star).
        Assert.Equal(1, await _shop.CountAsync("""
            select count(*) from (select data from events.mt_events where type = 'reviews.product_rating_changed' and stream_id = @id order by seq_id desc limit 1) e
            where (e.data->>'Count')::int = 3 and (e.data->>'Average')::numeric = 3.67 and (e.data->'Distribution'->>'TwoStars')::int = 1
            """, ("id", product)));
    }

    [Fact]
    public async Task Another_customers_edit_is_a_404_and_leaves_the_review_as_it_was()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New(), rating: 2);

        await _shop.ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", Customer.New().Token, HttpStatusCode.NotFound, Body(5));
        Assert.Equal(2, (await _shop.ReviewAsync(review.Id)).Rating);
    }

    [Fact]
    public async Task An_invalid_edit_is_a_400()
    {
        var customer = Customer.New();
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), customer, rating: 5);
        await _shop.ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", customer.Token, HttpStatusCode.BadRequest, Body(rating: 9));
    }

    [Fact]
    public async Task An_invalid_edit_leaves_the_review_and_the_summary_as_they_were()
    {
        var product = await _shop.NewProductAsync();
        var customer = Customer.New();
        var review = await _shop.WriteAsync(product, customer, rating: 5);
        using (await _shop.SendAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", customer.Token, Body(rating: 9))) { }

        Assert.Equal(5, Assert.Single(await _shop.MineAsync(customer)).Rating);
        Assert.Equal(5m, (await _shop.SummaryAsync(product)).Average);
    }

    [Fact]
    public async Task Editing_a_hidden_review_does_not_bring_it_back()
    {
        var product = await _shop.NewProductAsync();
        var author = Customer.New();
        var review = await _shop.WriteAsync(product, author, rating: 1);
        await _shop.WriteAsync(product, Customer.New(), rating: 5);
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/hide", Tokens.Admin(), HttpStatusCode.OK);

        await _shop.ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", author.Token, HttpStatusCode.OK, Body(3));
        Assert.Equal(1, (await _shop.SummaryAsync(product)).Count);
    }

    [Fact]
    public async Task Every_change_to_what_a_rating_shows_publishes_ProductRated_in_the_same_transaction()
    {
        var product = await _shop.NewProductAsync();
        var (author, other) = (Customer.New(), Customer.New());
        var review = await _shop.WriteAsync(product, author, rating: 5);
        await _shop.ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", author.Token, HttpStatusCode.OK, Body(5, title: "Still good")); // text only: no event
        await _shop.ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", author.Token, HttpStatusCode.OK, Body(2));
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/hide", Tokens.Admin(), HttpStatusCode.OK);
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/restore", Tokens.Admin(), HttpStatusCode.OK);
        var second = await _shop.WriteAsync(product, other, rating: 4);
        await _shop.ExpectAsync(HttpMethod.Delete, $"/api/reviews/{review.Id}", author.Token, HttpStatusCode.NoContent);

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
}
