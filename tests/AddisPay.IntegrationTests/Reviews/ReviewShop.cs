using System.Text.Json.Serialization;
using AddisPay.Orders.Contracts;
using AddisPay.Reviews.Contracts;
using AddisPay.Reviews.Domain;
using AddisPay.Reviews.GetRatingSummary;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>A customer of the review tests: an id and a customer token for it.</summary>
public sealed record Customer(Guid Id, string Token)
{
    public static Customer New()
    {
        var id = Guid.NewGuid();
        return new Customer(id, Tokens.For(id.ToString(), "customer"));
    }
}

/// <summary>
/// The arrange and read-back steps the review tests share, over real HTTP on one platform: a published product, a written
/// review, an order paid through the event log, the listing, the summary and a customer's own reviews. Cheap on purpose,
/// so splitting a test into one behaviour each costs the collection little.
/// </summary>
public sealed class ReviewShop(PlatformFactory factory, HttpClient? http = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public PlatformFactory Factory { get; } = factory;
    public HttpClient Http { get; } = http ?? factory.CreateClient();

    public static object Body(int rating = 4, string title = "Good coffee", string text = "Bright and floral, arrived fresh.", string? language = "en") =>
        new { rating, title, text, language };

    public static RatingDistribution Stars(int one = 0, int two = 0, int three = 0, int four = 0, int five = 0) => new(one, two, three, four, five);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, object? body = null) =>
        Http.SendAsync(Shop.Request(method, url, body, token));

    public async Task ExpectAsync(HttpMethod method, string url, string? token, HttpStatusCode status, object? body = null)
    {
        using var r = await SendAsync(method, url, token, body);
        await Shop.Expect(r, status);
    }

    public async Task<Guid> NewProductAsync(string? brand = null, string name = "Yirgacheffe coffee")
    {
        using var r = await SendAsync(HttpMethod.Post, "/api/products",
            Tokens.Admin(), new { sku = $"RV-{Guid.NewGuid():N}"[..14], name, nameAm = "ቡና", brand, priceEtb = 450m, stock = 10, publish = true });
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<ReviewView> WriteAsync(Guid productId, Customer author, int rating = 4)
    {
        using var r = await SendAsync(HttpMethod.Post, $"/api/reviews/products/{productId}", author.Token, Body(rating));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<ReviewView>(Json))!;
    }

    public async Task<ReviewView> ReviewAsync(Guid reviewId) => (await Http.GetFromJsonAsync<ReviewView>($"/api/reviews/{reviewId}", Json))!;

    public async Task<RatingSummary> SummaryAsync(Guid productId) =>
        (await Http.GetFromJsonAsync<RatingSummary>($"/api/reviews/products/{productId}/summary", Json))!;

    public async Task<ReviewPage> ListAsync(Guid productId, string query = "") =>
        (await Http.GetFromJsonAsync<ReviewPage>($"/api/reviews/products/{productId}?{query}", Json))!;

    public async Task<IReadOnlyList<ReviewView>> MineAsync(Customer customer)
    {
        using var r = await SendAsync(HttpMethod.Get, "/api/reviews/mine", customer.Token);
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<List<ReviewView>>(Json))!;
    }

    public static OrderLine Line(Guid productId) => new(productId, "SKU-1", "Coffee", "ቡና", 1, 450m, 450m);

    /// <summary>Publishes another module's event the way its code will: through the event log, in a transaction.</summary>
    public async Task PublishAsync(IntegrationEvent e)
    {
        await using var conn = new NpgsqlConnection(Factory.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await Factory.Services.GetRequiredService<EventLog>().PublishAsync(tx, [e], CancellationToken.None);
        await tx.CommitAsync();
    }

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    /// <summary>
    /// A 1-star review and a fan's 5-star review of a new product; two shoppers (the report threshold) report the 1-star one,
    /// the first of them twice, so it is hidden by reports.
    /// </summary>
    public async Task<(Guid Product, Customer Author, ReviewView Review)> ReviewHiddenByReportsAsync()
    {
        var product = await NewProductAsync();
        var author = Customer.New();
        var review = await WriteAsync(product, author, rating: 1);
        await WriteAsync(product, Customer.New(), rating: 5);
        var (reporter1, reporter2) = (Customer.New(), Customer.New());
        await ExpectAsync(HttpMethod.Post, ReportsUrl(review.Id), reporter1.Token, HttpStatusCode.Accepted, new { reason = "fake", note = "Never sold here" });
        await ExpectAsync(HttpMethod.Post, ReportsUrl(review.Id), reporter1.Token, HttpStatusCode.Accepted, new { reason = "spam" });
        await ExpectAsync(HttpMethod.Post, ReportsUrl(review.Id), reporter2.Token, HttpStatusCode.Accepted, new { reason = "offensive" });
        return (product, author, review);
    }

    public static string ReportsUrl(Guid reviewId) => $"/api/reviews/{reviewId}/reports";

    /// <summary>How many purchases Reviews holds for a customer (one row per paid order and product).</summary>
    public Task<long> PurchasesAsync(Guid customerId) =>
        CountAsync("""select count(*) from reviews.purchases where "CustomerId" = @id""", ("id", customerId));
}
