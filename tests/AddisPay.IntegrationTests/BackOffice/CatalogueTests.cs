using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The catalogue pages (Components/Pages/Catalogue/) to support, over plain HTTP: its posts to their forms (prices, stock,
/// pictures, archive) are refused on the server, made once; the admin's work on the catalogue runs in the journeys.
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class CatalogueTests(AllInOneShop fixture)
{
    private sealed record SupportPosts(StaffAnswer[] Posts, HttpStatusCode ProductAfter);

    private Task<SupportPosts> PostsAsync() => fixture.Arranged.OnceAsync(async () =>
    {
        var product = await CatalogueAdminJourney.DemoProductAsync(fixture.Shop);
        using var support = await BackOfficeAccess.SupportAsync(fixture);
        var posts = new List<StaffAnswer>();
        foreach (var (page, form) in BackOfficeAccess.CatalogueForms)
            posts.Add(await StaffAnswer.OfAsync($"{form} on {page}", support.SendRawFormAsync(page.Replace("{product}", product.ToString()), form)));
        using var products = fixture.Shop.Api("products");
        using var stillOnSale = await products.GetAsync($"/api/products/{product}");
        return new SupportPosts([.. posts], stillOnSale.StatusCode);
    });

    [Fact]
    public async Task Supports_posts_to_the_catalogue_forms_are_sent_to_the_denied_page() =>
        StaffAnswer.AllSentTo((await PostsAsync()).Posts, "/admin/denied");

    [Fact]
    public async Task A_product_whose_forms_support_posted_to_is_still_on_sale() =>
        Assert.Equal(HttpStatusCode.OK, (await PostsAsync()).ProductAfter);
}
