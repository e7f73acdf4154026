namespace AddisPay.IntegrationTests.Products;

/// <summary>The catalogue's file export as the back office asks for it, page by page (ExportCataloguePage over the pod-to-pod endpoint).</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ExportCataloguePageTests(CatalogueAndCartPlatform platform)
{
    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task The_export_pages_count_the_catalogues_products(string format) =>
        Assert.True((await CatalogueRoundTrip.ArrangedAsync(platform, format)).Products > 0);

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task A_catalogue_imported_back_unchanged_exports_the_same_file_again(string format)
    {
        var trip = await CatalogueRoundTrip.ArrangedAsync(platform, format);
        Assert.Equal(trip.File, trip.ExportedAgain);
    }
}
