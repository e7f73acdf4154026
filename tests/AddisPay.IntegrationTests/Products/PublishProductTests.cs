namespace AddisPay.IntegrationTests.Products;

/// <summary>Publishing and archiving a product (POST /api/products/{id}/publish, /archive): what shoppers see, and the events other modules need.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class PublishProductTests(CatalogueAndCartPlatform platform)
{
    private Task<CoffeeLifecycle> LifecycleAsync() => CoffeeLifecycle.ArrangedAsync(platform);

    [Fact]
    public async Task Publishing_a_draft_is_a_200() =>
        Assert.Equal(HttpStatusCode.OK, (await LifecycleAsync()).Published);

    [Fact]
    public async Task A_published_product_is_found_by_its_slug() =>
        Assert.Equal((await LifecycleAsync()).Created.GetProperty("id").GetGuid(), (await LifecycleAsync()).BySlug.GetProperty("id").GetGuid());

    [Fact]
    public async Task Archiving_a_published_product_is_a_200() =>
        Assert.Equal(HttpStatusCode.OK, (await LifecycleAsync()).Archived);

    [Fact]
    public async Task An_archived_product_is_no_longer_found_by_its_slug() =>
        Assert.Equal(HttpStatusCode.NotFound, (await LifecycleAsync()).ArchivedRead);

    [Fact]
    public async Task An_archived_product_cannot_be_published_again_409() =>
        Assert.Equal(HttpStatusCode.Conflict, (await LifecycleAsync()).Republished);

    [Fact]
    public async Task Publishing_publishes_one_product_published_event() =>
        Assert.Equal(1, (await LifecycleAsync()).PublishedEvents);

    [Fact]
    public async Task Archiving_publishes_one_product_archived_event() =>
        Assert.Equal(1, (await LifecycleAsync()).ArchivedEvents);
}
