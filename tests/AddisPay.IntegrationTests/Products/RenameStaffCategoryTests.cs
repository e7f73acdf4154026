namespace AddisPay.IntegrationTests.Products;

/// <summary>A category renamed by staff (RenameStaffCategory over the pod-to-pod endpoint).</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class RenameStaffCategoryTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task A_category_is_renamed_in_both_languages()
    {
        var after = (await HerbTree.ArrangedAsync(platform)).Renamed.GetProperty("after");
        Assert.Equal(("Dried herbs", "የደረቁ ቅጠላ ቅጠሎች"), (after.GetProperty("name").GetString(), after.GetProperty("nameAm").GetString()));
    }
}
