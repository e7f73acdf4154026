using AddisPay.Products.Contracts;
using AddisPay.Shared.Contracts;
using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>A picture uploaded by staff (AddProductImage): checked by its content, stored in PostgreSQL, once per picture.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class AddProductImageTests(CatalogueAndCartPlatform platform)
{
    private Task<UploadedPicture> UploadedAsync() => UploadedPicture.ArrangedAsync(platform);

    [Fact]
    public async Task An_uploaded_PNG_is_the_products_picture_with_its_type_and_size()
    {
        var uploaded = await UploadedAsync();
        Assert.Equal(1, uploaded.PicturesAfterUpload);
        Assert.Equal(("image/png", (long?)Png.Length), (uploaded.Image.ContentType, uploaded.Image.Bytes));
    }

    [Fact]
    public async Task An_uploaded_picture_is_served_at_the_url_of_its_hash()
    {
        var uploaded = await UploadedAsync();
        Assert.Equal(ProductImages.Uploaded(uploaded.ProductId, uploaded.Image.Hash!), uploaded.Image.Url);
    }

    [Fact]
    public async Task The_same_picture_uploaded_again_is_a_replay() =>
        Assert.True((await UploadedAsync()).UploadedAgainReplayed);

    [Fact]
    public async Task An_uploaded_picture_is_the_picture_of_the_products_detail()
    {
        var uploaded = await UploadedAsync();
        Assert.Equal(uploaded.Image.Url, uploaded.DetailPicture);
    }

    /// <summary>A text file named photo.jpg and a PNG one byte over 2 MB uploaded to a new product: both refusals and the product's pictures after.</summary>
    private sealed record Refused(Exception? TextFile, Exception? TooLarge, int PicturesAfter)
    {
        public static string ImageError(Exception? refusal) => Assert.Single(Assert.IsType<ValidationFailedException>(refusal).Errors["image"]);
    }

    private Task<Refused> RefusedAsync() => ArrangedAsync(platform, async shop =>
    {
        var product = await shop.StaffProductAsync();
        var script = await Record.ExceptionAsync(async () => await shop.SendAsync(new AddProductImage(product.ProductId, "<script>alert(1)</script>"u8.ToArray(), "photo.jpg", Staff)));
        var huge = new byte[2 * 1024 * 1024 + 1];
        Png.CopyTo(huge, 0);
        var tooLarge = await Record.ExceptionAsync(async () => await shop.SendAsync(new AddProductImage(product.ProductId, huge, "big.png", Staff)));
        return new Refused(script, tooLarge, (await shop.SendAsync(new GetProductForStaff(product.ProductId)))!.Images.Count);
    });

    [Fact]
    public async Task A_text_file_named_jpg_is_refused_on_the_image_field() =>
        Assert.Contains("not a JPEG, PNG or WebP", Refused.ImageError((await RefusedAsync()).TextFile));

    [Fact]
    public async Task A_picture_over_the_size_limit_is_refused_on_the_image_field() =>
        Assert.Contains("the most taken is 2 MB", Refused.ImageError((await RefusedAsync()).TooLarge));

    [Fact]
    public async Task Refused_pictures_store_nothing() =>
        Assert.Equal(0, (await RefusedAsync()).PicturesAfter);
}
