namespace AddisPay.IntegrationTests.Topologies;

/// <summary>
/// The kept anonymous product reads (Products' output cache) across two replicas of Products, on the replica platform: a
/// write on one replica must drop what the other kept, which only the event log can tell it (issue 21, item 7; the same
/// behaviour in one process: Products/ProductReadCacheTests).
/// </summary>
public sealed partial class ReplicaTests
{
    [Fact]
    public async Task A_price_changed_on_one_products_replica_reaches_the_anonymous_shoppers_of_the_other_once_its_event_is_read()
    {
        var products = Array.IndexOf(Groups, Groups.Single(g => g.Contains("products")));
        using var writer = await ReadyReplicaAsync(platform.Ports[products][0]);
        using var reader = await ReadyReplicaAsync(platform.Ports[products][1]);

        Guid id;
        using (var created = await writer.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
               {
                   name = "Guji coffee beans", nameAm = "የጉጂ ቡና", sku = $"GUJ-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), priceEtb = 400.00m, stock = 8, publish = true
               }, Tokens.Admin())))
        {
            await Shop.Expect(created, HttpStatusCode.Created);
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        // Kept by the other replica (a new product's own events may drop its page once, so read until an answer is a kept one).
        var kept = await Eventually.Until(async () =>
        {
            using var read = await reader.GetAsync($"/api/products/{id}");
            return (read.StatusCode, read.Headers.Age, Price: read.StatusCode == HttpStatusCode.OK
                ? (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priceEtb").GetDecimal() : 0m);
        }, r => r.StatusCode == HttpStatusCode.OK && r.Age is not null, "the product kept by the other replica", TimeSpan.FromSeconds(30));
        Assert.Equal(400.00m, kept.Price);

        using (var reprice = await writer.SendAsync(Shop.Request(HttpMethod.Put, $"/api/products/{id}/price", new { priceEtb = 455.00m }, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, reprice.StatusCode);

        // The writing replica dropped its own page as it answered; the other learns of the change only from the event log.
        var seen = await Eventually.Until(() => reader.GetFromJsonAsync<JsonElement>($"/api/products/{id}"),
            p => p.GetProperty("priceEtb").GetDecimal() == 455.00m, "the new price on the other replica", TimeSpan.FromSeconds(30));
        Assert.Equal(455.00m, seen.GetProperty("variants")[0].GetProperty("priceEtb").GetDecimal());

        // A signed-in shopper's reads are never answered from what was kept for anonymous ones, on either replica.
        foreach (var replica in new[] { writer, reader })
        {
            using var mine = await replica.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/{id}", null, Tokens.Customer(Guid.NewGuid().ToString())));
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Null(mine.Headers.Age);
        }
    }

    /// <summary>A client of one replica (not the router), once it answers ready: the other test restarts replicas it kills.</summary>
    private static async Task<HttpClient> ReadyReplicaAsync(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await Eventually.Until(async () =>
        {
            try
            {
                using var ready = await client.GetAsync("/health/ready");
                return ready.StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
        }, s => s == HttpStatusCode.OK, $"the replica on port {port} ready", TimeSpan.FromSeconds(120));
        return client;
    }
}
