using System.Net.Http.Headers;
using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>Editing a product through the admin API (PUT /api/products/{id}), guarded by its ETag.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class UpdateProductTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// A published shawl read by an admin (its ETag); an edit sent without If-Match, then with the ETag read, then again
    /// with that (now old) ETag; the product read after.
    /// </summary>
    private sealed record Edits(string ReadETag, HttpStatusCode WithoutIfMatch, HttpStatusCode WithCurrentETag, string? SavedETag,
        HttpStatusCode WithOldETag, JsonElement After);

    private Task<Edits> EditsAsync() => ArrangedAsync(platform, async shop =>
    {
        var product = await shop.CreateAsync(new { name = "Netela shawl", nameAm = "ነጠላ", sku = Unique("NET"), priceEtb = 950m, stock = 4, publish = true });
        var id = product.GetProperty("id").GetGuid();
        string etag;
        using (var read = await shop.AdminAsync(HttpMethod.Get, $"/api/products/{id}")) etag = read.Headers.ETag!.Tag;
        var edit = new { name = "Netela shawl, hand-woven", nameAm = "በእጅ የተሰራ ነጠላ", brand = "Shiro Meda", categorySlug = "textiles" };

        var withoutIfMatch = await shop.AdminStatusAsync(HttpMethod.Put, $"/api/products/{id}", edit);
        async Task<HttpResponseMessage> EditAsync(string ifMatch)
        {
            var request = Shop.Request(HttpMethod.Put, $"/api/products/{id}", edit, Tokens.Admin());
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
            return await shop.Http.SendAsync(request);
        }
        using var saved = await EditAsync(etag);
        using var stale = await EditAsync(etag);
        return new Edits(etag, withoutIfMatch, saved.StatusCode, saved.Headers.ETag?.Tag, stale.StatusCode,
            await shop.Http.GetFromJsonAsync<JsonElement>($"/api/products/{id}"));
    });

    [Fact]
    public async Task An_edit_without_If_Match_is_a_428() =>
        Assert.Equal((HttpStatusCode)428, (await EditsAsync()).WithoutIfMatch);

    [Fact]
    public async Task An_edit_naming_the_current_ETag_is_saved() =>
        Assert.Equal(HttpStatusCode.OK, (await EditsAsync()).WithCurrentETag);

    [Fact]
    public async Task A_saved_edit_answers_a_new_ETag()
    {
        var edits = await EditsAsync();
        Assert.NotEqual(edits.ReadETag, edits.SavedETag);
    }

    [Fact]
    public async Task A_stale_edit_naming_an_older_ETag_is_refused_with_412() =>
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await EditsAsync()).WithOldETag);

    [Fact]
    public async Task The_product_reads_as_the_saved_edit_left_it_name_and_category()
    {
        var after = (await EditsAsync()).After;
        Assert.Equal("Netela shawl, hand-woven", after.GetProperty("name").GetString());
        Assert.Equal("textiles", after.GetProperty("category").GetProperty("slug").GetString());
    }
}
