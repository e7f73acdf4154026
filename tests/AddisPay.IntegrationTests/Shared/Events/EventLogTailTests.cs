using AddisPay.Shared.Events;

namespace AddisPay.IntegrationTests.Shared.Events;

/// <summary>The tail of the event log (<c>EventLogTail</c>) as a follower reads it from a position, on the tables Marten created.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class EventLogTailTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task The_tail_reads_back_an_event_appended_after_its_position_with_its_stream_and_type()
    {
        using var tail = new EventLogTail(platform.Factory.ConnectionString);
        var start = await tail.ReadAsync(long.MaxValue, ["products.product_published"], "products", CancellationToken.None);
        using var http = platform.Factory.CreateClient();
        using var created = await http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
        {
            name = "Tail honey", nameAm = "ማር", sku = $"TAIL-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), priceEtb = 90m, stock = 1, publish = true
        }, Tokens.Admin()));
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content)).GetProperty("id").GetGuid();

        var page = await tail.ReadAsync(start.Head, ["products.product_published"], "products", CancellationToken.None);

        var entry = Assert.Single(page.Entries, e => e.Stream == id);
        Assert.Equal("products.product_published", entry.Type);
        Assert.True(entry.Sequence > start.Head && page.Head >= entry.Sequence);
    }
}
