using AddisPay.Products.Contracts;
using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>A back office's edit of a product (UpdateProductForStaff): saved once, replayed when sent again, refused when made from an older version.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class UpdateProductForStaffTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// A new product edited (name, Amharic description, category and the first variant's price) from the version it was
    /// created at; the same edit sent again; an edit of another name from that version.
    /// </summary>
    private sealed record Edited(StaffProduct Original, StaffProductChanged Saved, StaffProductChanged SentAgain, Exception? FromOlderVersion);

    private Task<Edited> EditedAsync() => ArrangedAsync(platform, async shop =>
    {
        var token = Token();
        var product = await shop.StaffProductAsync(token);
        var edit = new UpdateProductForStaff(product.ProductId, product.Version, $"Sidama natural {token}", "የሲዳማ ቡና", "Sun-dried.", "በፀሐይ የደረቀ።", null, "coffee",
            new Dictionary<string, decimal> { [product.Variants[0].Sku] = 320.50m }, Staff);
        var saved = await shop.SendAsync(edit);
        var again = await shop.SendAsync(edit);
        return new Edited(product, saved, again, await Record.ExceptionAsync(async () => await shop.SendAsync(edit with { Name = $"Another name {token}" })));
    });

    [Fact]
    public async Task A_saved_edit_is_not_a_replay_and_answers_the_product_as_it_was_before()
    {
        var saved = (await EditedAsync()).Saved;
        Assert.False(saved.Replayed);
        Assert.Equal(300.00m, saved.Before!.Variants[0].PriceEtb);
    }

    [Fact]
    public async Task A_saved_edit_changes_the_price_the_category_and_the_Amharic_description()
    {
        var saved = (await EditedAsync()).Saved;
        Assert.Equal((320.50m, "coffee", "በፀሐይ የደረቀ።"), (saved.Product.Variants[0].PriceEtb, saved.Product.CategorySlug, saved.Product.DescriptionAm));
    }

    [Fact]
    public async Task A_saved_edit_gives_the_product_a_new_version()
    {
        var edited = await EditedAsync();
        Assert.NotEqual(edited.Original.Version, edited.Saved.Product.Version);
    }

    [Fact]
    public async Task An_edit_sent_again_after_it_was_saved_is_a_replay() =>
        Assert.True((await EditedAsync()).SentAgain.Replayed);

    [Fact]
    public async Task An_edit_of_an_older_version_is_refused_as_stale() =>
        Assert.IsType<AddisPay.Products.UpdateProduct.StaleWriteException>((await EditedAsync()).FromOlderVersion);
}
