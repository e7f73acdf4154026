using System.Text.RegularExpressions;
using AddisPay.Shared.Contracts;
using AddisPay.Storefront.Shopping;
using Microsoft.AspNetCore.Http;

namespace AddisPay.UnitTests.Storefront;

/// <summary>The storefront's words: every one in English and Amharic, and field errors in the shop's words.</summary>
public sealed partial class ShopTextsTests
{
    [Fact]
    public void Every_text_has_English_and_Amharic_with_the_same_placeholders()
    {
        foreach (var (key, (en, am)) in ShopTexts.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), $"{key} has no English");
            Assert.False(string.IsNullOrWhiteSpace(am), $"{key} has no Amharic");
            Assert.True(Placeholders(en).SetEquals(Placeholders(am)), $"{key}: English and Amharic fill in different values");
        }
    }

    [Fact]
    public void A_field_error_is_in_the_first_words_found_for_it_and_the_modules_own_otherwise()
    {
        var problems = new FormProblems(new ShopLanguage(new HttpContextAccessor()));
        problems.Add(new ValidationFailedException(new Dictionary<string, string[]>
        {
            ["phone"] = ["module's phone words"], ["recipient"] = ["module's recipient words"], ["colour"] = ["module's colour words"]
        }), "field.", "checkout.error.");

        Assert.Equal(["Enter an Ethiopian phone number, such as +251911234567."], problems.For("phone")); // field.phone comes first
        Assert.Equal(["Give the recipient's full name."], problems.For("recipient"));                    // then checkout.error.recipient
        Assert.Equal(["module's colour words"], problems.For("colour"));
        Assert.Equal("Please correct the fields marked below.", problems.Summary);
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
