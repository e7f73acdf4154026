using AddisPay.Products.Domain;

namespace AddisPay.UnitTests.Products;

public sealed class ListingCursorTests
{
    private static readonly Guid Id = Guid.Parse("0b4c9a52-3f0e-4a53-9d2e-5b7f1f6a2c11");

    [Fact]
    public void A_newest_cursor_decodes_to_the_same_published_time_to_the_tick_and_id()
    {
        var at = new DateTimeOffset(2026, 12, 6, 14, 3, 5, TimeSpan.Zero).AddTicks(1230);
        var text = new ListingCursor("newest", at, null, Id).Encode();

        Assert.Equal(new ListingCursor("newest", at, null, Id), ListingCursor.Decode(text, "newest"));
    }

    [Fact]
    public void A_name_cursor_keeps_an_Amharic_name_with_separators_in_it()
    {
        var text = new ListingCursor("name", null, "ቡና | 1 kg|n42", Id).Encode();

        Assert.Equal(new ListingCursor("name", null, "ቡና | 1 kg|n42", Id), ListingCursor.Decode(text, "name"));
    }

    [Fact]
    public void A_cursor_is_url_safe_text()
    {
        var text = new ListingCursor("name", null, "Yirgacheffe ÿþ?&/+=", Id).Encode();

        Assert.Matches("^[A-Za-z0-9_-]+$", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("%%%")]
    public void Text_that_is_no_cursor_decodes_to_nothing(string text) => Assert.Null(ListingCursor.Decode(text, "newest"));

    [Fact]
    public void A_cursor_made_for_the_name_order_is_refused_for_the_newest_order()
    {
        var text = new ListingCursor("name", null, "Honey", Id).Encode();

        Assert.Null(ListingCursor.Decode(text, "newest"));
    }
}
