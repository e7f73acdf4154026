using AddisPay.Products.Domain;

namespace AddisPay.UnitTests.Products;

/// <summary>An uploaded picture is known by its first bytes, never by its name or the type a browser claimed.</summary>
public sealed class ImageSniffingTests
{
    [Fact]
    public void A_PNG_is_known_by_its_eight_byte_signature() =>
        Assert.Equal("image/png", ImageSniffing.ContentTypeOf([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]));

    [Fact]
    public void A_JPEG_is_known_by_its_start_of_image_marker() =>
        Assert.Equal("image/jpeg", ImageSniffing.ContentTypeOf([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]));

    [Fact]
    public void A_WebP_is_known_by_RIFF_then_WEBP_after_the_chunk_length() =>
        Assert.Equal("image/webp", ImageSniffing.ContentTypeOf("RIFF\x24\0\0\0WEBPVP8 "u8));

    [Fact]
    public void Another_RIFF_file_such_as_a_WAV_sound_is_not_a_picture() =>
        Assert.Null(ImageSniffing.ContentTypeOf("RIFF\x24\0\0\0WAVEfmt "u8));

    [Fact]
    public void A_script_or_an_SVG_is_refused_whatever_it_is_named() =>
        Assert.All(new[] { "<script>alert(1)</script>"u8.ToArray(), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "GIF89a"u8.ToArray() },
            bytes => Assert.Null(ImageSniffing.ContentTypeOf(bytes)));

    [Fact]
    public void A_truncated_signature_or_an_empty_file_is_refused() =>
        Assert.All(new[] { new byte[] { 0x89, 0x50, 0x4E, 0x47 }, [0xFF, 0xD8], "RIFF\0\0\0\0WEB"u8.ToArray(), [] },
            bytes => Assert.Null(ImageSniffing.ContentTypeOf(bytes)));
}
