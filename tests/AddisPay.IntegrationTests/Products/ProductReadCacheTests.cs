using System.Net.Http.Headers;
using AddisPay.Products.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// Product detail and list pages kept for anonymous shoppers (AnonymousProductReads): a change reaches them once its event is read, a
/// conditional read gets a 304, and a signed-in read neither comes from nor goes into what shoppers are sent. A response
/// the output cache sends from what it kept carries an Age header; one the endpoint wrote does not.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ProductReadCacheTests(CatalogueAndCartPlatform platform)
{
    private readonly HttpClient _http = platform.Factory.CreateClient();

    private async Task<Guid> CreatePublishedAsync(decimal priceEtb)
    {
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
        {
            name = "Harar coffee beans", nameAm = "የሐረር ቡና", sku = $"HRR-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), priceEtb, stock = 8, publish = true
        }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Reads the product (or page) anonymously until an answer comes from what was kept. A new product's own events (created,
    /// published) may be read from the event log after its page was first kept, and they drop it once; the page is kept
    /// again on the next read.
    /// </summary>
    private Task<HttpResponseMessage> ReadKeptAsync(Guid id) => ReadKeptAsync($"/api/products/{id}");

    private async Task<HttpResponseMessage> ReadKeptAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var read = await _http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            if (read.Headers.Age is not null || DateTime.UtcNow > deadline)
            {
                Assert.NotNull(read.Headers.Age);
                return read;
            }
            read.Dispose();
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_price_changed_by_staff_reaches_anonymous_shoppers_once_its_event_is_read()
    {
        var id = await CreatePublishedAsync(400.00m);
        using (var kept = await ReadKeptAsync(id)) Assert.Equal(400.00m, (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priceEtb").GetDecimal());

        // A back office's change goes through the Contracts, not this API: only the event can drop the kept page.
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var product = (await sender.Send(new GetProductForStaff(id)))!;
            await sender.Send(new UpdateProductForStaff(id, product.Version, product.Name, product.NameAm, product.Description, product.DescriptionAm,
                product.Brand, product.CategorySlug, new Dictionary<string, decimal> { [product.Variants[0].Sku] = 455.00m }, Guid.NewGuid()));
        }

        var seen = await Eventually.Until(() => _http.GetFromJsonAsync<JsonElement>($"/api/products/{id}"),
            p => p.GetProperty("priceEtb").GetDecimal() == 455.00m, "the new price in the anonymous product detail", TimeSpan.FromSeconds(20));
        Assert.Equal(455.00m, seen.GetProperty("variants")[0].GetProperty("priceEtb").GetDecimal());
    }

    /// <summary>A product kept for shoppers read naming its ETag; then repriced by an admin and read naming that (now older) ETag.</summary>
    private sealed record ConditionalReads(string KeptETag, HttpStatusCode Current, int CurrentBytes, HttpStatusCode Older, string? OlderETag, decimal OlderPrice);

    private Task<ConditionalReads> ConditionalReadsAsync() => Arrangements.Of(platform.Factory).OnceAsync(async () =>
    {
        var id = await CreatePublishedAsync(210.00m);
        string etag;
        using (var kept = await ReadKeptAsync(id)) etag = kept.Headers.ETag!.Tag;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{id}");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        using var notModified = await _http.SendAsync(conditional);

        using (var reprice = await _http.SendAsync(Shop.Request(HttpMethod.Put, $"/api/products/{id}/price", new { priceEtb = 215.00m }, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, reprice.StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{id}");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        using var changed = await _http.SendAsync(stale);
        return new ConditionalReads(etag, notModified.StatusCode, (await notModified.Content.ReadAsByteArrayAsync()).Length, changed.StatusCode,
            changed.Headers.ETag?.Tag, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priceEtb").GetDecimal());
    });

    [Fact]
    public async Task A_conditional_read_naming_the_current_ETag_gets_an_empty_304()
    {
        var reads = await ConditionalReadsAsync();
        Assert.Equal(HttpStatusCode.NotModified, reads.Current);
        Assert.Equal(0, reads.CurrentBytes);
    }

    [Fact]
    public async Task A_conditional_read_naming_an_older_ETag_gets_the_product_as_it_is_now_with_its_new_ETag()
    {
        var reads = await ConditionalReadsAsync();
        Assert.Equal(HttpStatusCode.OK, reads.Older);
        Assert.NotEqual(reads.KeptETag, reads.OlderETag);
        Assert.Equal(215.00m, reads.OlderPrice);
    }

    [Fact]
    public async Task A_product_published_by_staff_reaches_the_kept_first_list_page_once_its_event_is_read()
    {
        Guid id;
        using (var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
               {
                   name = "Sidamo coffee beans", nameAm = "የሲዳሞ ቡና", sku = $"SDM-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), priceEtb = 380.00m, stock = 5, publish = false
               }, Tokens.Admin())))
        {
            await Shop.Expect(r, HttpStatusCode.Created);
            id = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        const string firstPage = "/api/products?count=false&pageSize=5";
        using (var kept = await ReadKeptAsync(firstPage))
            Assert.DoesNotContain(id, (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        // Published through the Contracts, as the back office does: no write endpoint of this replica drops the page, its event must.
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ChangeProductStatusForStaff(id, Publish: true, StaffId: Guid.NewGuid()));

        await Eventually.Until(() => _http.GetFromJsonAsync<JsonElement>(firstPage),
            page => page.GetProperty("items")[0].GetProperty("id").GetGuid() == id, "the newly published product first on the anonymous list page",
            TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// A published product read twice by an admin, then once anonymously (all before anything was kept); then read
    /// anonymously until it is kept, and by an admin again. Whether each answer came from what was kept (its Age header).
    /// </summary>
    private sealed record AdminReads(List<(HttpStatusCode Status, bool Kept)> AdminBeforeKept, bool FirstAnonymousKept, bool AdminAfterKept);

    private Task<AdminReads> AdminReadsAsync() => Arrangements.Of(platform.Factory).OnceAsync(async () =>
    {
        var id = await CreatePublishedAsync(120.00m);
        var before = new List<(HttpStatusCode, bool)>();
        for (var i = 0; i < 2; i++)
        {
            using var admin = await _http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/{id}", null, Tokens.Admin()));
            before.Add((admin.StatusCode, admin.Headers.Age is not null));
        }
        bool firstKept;
        using (var first = await _http.GetAsync($"/api/products/{id}")) firstKept = first.Headers.Age is not null;

        using (await ReadKeptAsync(id)) { }
        using var afterKept = await _http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/{id}", null, Tokens.Admin()));
        return new AdminReads(before, firstKept, afterKept.Headers.Age is not null);
    });

    [Fact]
    public async Task An_admins_read_is_not_kept_for_anonymous_shoppers()
    {
        var reads = await AdminReadsAsync();
        Assert.All(reads.AdminBeforeKept, read => Assert.Equal((HttpStatusCode.OK, false), read));
        Assert.False(reads.FirstAnonymousKept);
    }

    [Fact]
    public async Task An_admins_read_is_not_served_from_what_was_kept_for_anonymous_shoppers() =>
        Assert.False((await AdminReadsAsync()).AdminAfterKept);
}
