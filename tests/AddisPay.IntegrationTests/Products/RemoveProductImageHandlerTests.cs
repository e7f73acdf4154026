namespace AddisPay.IntegrationTests.Products;

/// <summary>A picture removed by staff (RemoveProductImage): gone from the product and no longer served.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class RemoveProductImageHandlerTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task A_removed_picture_is_gone_from_the_product() =>
        Assert.Empty((await UploadedPicture.ArrangedAsync(platform)).AfterRemoval.Images);

    [Fact]
    public async Task A_removed_picture_is_no_longer_served() =>
        Assert.Equal(HttpStatusCode.NotFound, (await UploadedPicture.ArrangedAsync(platform)).RemovedRead);
}
