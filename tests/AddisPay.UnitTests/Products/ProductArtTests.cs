using AddisPay.Products.Domain;

namespace AddisPay.UnitTests.Products;

/// <summary>The drawn product pictures: pure functions, no database.</summary>
public sealed class ProductArtTests
{
    [Fact]
    public void The_same_product_is_drawn_the_same_way_and_its_category_gives_the_colour()
    {
        var once = ProductArt.Svg("Yirgacheffe coffee beans", "የይርጋጨፌ ቡና", "coffee-beans");
        Assert.Equal(once, ProductArt.Svg("Yirgacheffe coffee beans", "የይርጋጨፌ ቡና", "coffee-beans"));
        Assert.Equal(ProductArt.ETagOf(once), ProductArt.ETagOf(ProductArt.Svg("Yirgacheffe coffee beans", "የይርጋጨፌ ቡና", "coffee-beans")));
        Assert.Contains($"hsl({ProductArt.Hue("coffee-beans")},", once);
        Assert.NotEqual(ProductArt.Hue("coffee-beans"), ProductArt.Hue("spices"));
        Assert.NotEqual(ProductArt.ETagOf(once), ProductArt.ETagOf(ProductArt.Svg("Sidamo coffee beans", "የሲዳሞ ቡና", "coffee-beans")));
    }

    [Theory]
    [InlineData("Yirgacheffe coffee beans", "YC")]
    [InlineData("krar", "K")]
    [InlineData("  (new) 6-string krar", "N6")]
    [InlineData("", "?")]
    public void Initials_are_the_first_letters_of_the_first_two_words(string name, string initials) =>
        Assert.Equal(initials, ProductArt.Initials(name));

    [Fact]
    public void Names_are_escaped_and_long_Amharic_names_shortened()
    {
        var svg = ProductArt.Svg("Tom & Jerry <b>", "በእጅ የተሰራ ነጠላ ከጎንደር የመጣ ረጅም ስም", null);
        Assert.Contains("aria-label=\"Tom &amp; Jerry &lt;b&gt;\"", svg);
        Assert.DoesNotContain("<b>", svg);
        Assert.Contains("…</text>", svg);
    }
}
