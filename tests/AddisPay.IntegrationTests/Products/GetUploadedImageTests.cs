namespace AddisPay.IntegrationTests.Products;

/// <summary>Uploaded pictures served to shoppers (GET /api/products/{id}/images/{hash}): only once the product is published, cached for good.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class GetUploadedImageTests(CatalogueAndCartPlatform platform)
{
    private Task<UploadedPicture> UploadedAsync() => UploadedPicture.ArrangedAsync(platform);

    [Fact]
    public async Task A_drafts_picture_is_not_served() =>
        Assert.Equal(HttpStatusCode.NotFound, (await UploadedAsync()).DraftRead);

    [Fact]
    public async Task A_published_products_picture_is_served_as_the_PNG_uploaded()
    {
        var uploaded = await UploadedAsync();
        Assert.Equal(HttpStatusCode.OK, uploaded.PublishedRead);
        Assert.Equal("image/png", uploaded.ServedType);
        Assert.Equal(ProductShop.Png, uploaded.Served);
    }

    [Fact]
    public async Task A_served_picture_carries_its_hash_as_its_ETag()
    {
        var uploaded = await UploadedAsync();
        Assert.Equal($"\"{uploaded.Image.Hash}\"", uploaded.ServedETag);
    }

    [Fact]
    public async Task A_served_picture_is_cached_publicly_for_a_year_as_immutable()
    {
        var cache = (await UploadedAsync()).ServedCache;
        Assert.True(cache is { Public: true, MaxAge.TotalDays: >= 365 } && cache.Extensions.Any(e => e.Name == "immutable"), $"cached for good: {cache}");
    }

    [Fact]
    public async Task A_read_naming_the_pictures_ETag_gets_an_empty_304()
    {
        var uploaded = await UploadedAsync();
        Assert.Equal(HttpStatusCode.NotModified, uploaded.ConditionalRead);
        Assert.Equal(0, uploaded.ConditionalBytes);
    }
}
