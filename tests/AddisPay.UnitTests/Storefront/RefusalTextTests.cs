using System.Text.RegularExpressions;
using AddisPay.Shared.Contracts;
using AddisPay.Storefront.Shopping;

namespace AddisPay.UnitTests.Storefront;

/// <summary>A module's refusal as the shopper reads it: in the page's language, never English on an Amharic page.</summary>
public sealed class RefusalTextTests
{
    private static readonly ConflictException PriceChanged = new("The price of Coffee (C-1) changed from 100.00 to 120.00 ETB; review the cart and order again.")
    {
        Reason = Refusal.Of("checkout.price-changed", ("product", "Coffee"), ("productAm", "ቡና"), ("fromEtb", 100m), ("toEtb", 1200.5m))
    };

    [Fact]
    public void A_known_refusal_is_said_in_Amharic_with_the_Amharic_name_and_amounts_in_birr()
    {
        var said = RefusalText.Say(PriceChanged, ShopLanguage.Amharic, "fallback");

        Assert.Equal("የቡና ዋጋ ከ100.00 ብር ወደ 1,200.50 ብር ተቀይሯል፤ እባክዎ ጋሪዎን ይመልከቱና እንደገና ይዘዙ።", said);
    }

    [Fact]
    public void A_known_refusal_is_said_in_English_with_amounts_as_English_pages_write_them()
    {
        var said = RefusalText.Say(PriceChanged, ShopLanguage.English, "fallback");

        Assert.Equal("The price of Coffee changed from ETB 100.00 to ETB 1,200.50; please review your cart and order again.", said);
    }

    [Fact]
    public void An_order_status_in_a_refusal_is_named_in_the_pages_language()
    {
        var late = new ConflictException("Order AP-1 is shipped and can't become cancelled.")
        {
            Reason = Refusal.Of("order.status", ("order", "AP-1"), ("status", "shipped"), ("target", "cancelled"))
        };

        Assert.Equal("ትዕዛዝ AP-1 ከአሁን በኋላ «ተሰርዟል» ሊሆን አይችልም፤ አሁን «ተልኳል» ነው።", RefusalText.Say(late, ShopLanguage.Amharic, "fallback"));
    }

    [Fact]
    public void An_unknown_refusal_on_an_Amharic_page_shows_the_pages_own_message_not_the_modules_English()
    {
        var unknown = new ConflictException("Something only the API explains.") { Reason = Refusal.Of("not.a.known.reason") };

        Assert.Equal("በዚህ ብዛት አይገኝም", RefusalText.Say(unknown, ShopLanguage.Amharic, "በዚህ ብዛት አይገኝም"));
    }

    [Fact]
    public void An_unknown_refusal_on_an_English_page_adds_the_modules_sentence_to_the_pages_message()
    {
        var unknown = new ConflictException("Something only the API explains.");

        Assert.Equal("Not available: Something only the API explains.", RefusalText.Say(unknown, ShopLanguage.English, "Not available"));
    }

    [Fact]
    public void Every_refusal_sentence_names_the_same_facts_in_both_languages()
    {
        var placeholders = new Regex(@"\{([A-Za-z]+)\}");
        foreach (var (key, (en, am)) in ShopTexts.All.Where(t => t.Key.StartsWith("refused.", StringComparison.Ordinal)))
        {
            var inEnglish = placeholders.Matches(en).Select(m => m.Groups[1].Value).Order();
            var inAmharic = placeholders.Matches(am).Select(m => m.Groups[1].Value).Order();
            Assert.True(inEnglish.SequenceEqual(inAmharic), $"{key}: English names {{{string.Join(", ", inEnglish)}}}, Amharic {{{string.Join(", ", inAmharic)}}}");
        }
    }
}
