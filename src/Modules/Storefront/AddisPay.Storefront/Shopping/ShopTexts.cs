namespace AddisPay.Storefront.Shopping;

/// <summary>
/// The storefront's own words in English and Amharic (product texts come from Products in both languages). Each area of the
/// shop keeps its words in its own file (ShopTexts.&lt;Area&gt;.cs); a key defined twice fails at start-up.
/// </summary>
internal static partial class ShopTexts
{
    private static readonly Dictionary<string, (string En, string Am)> Texts = Merge(Common(), Account(), Checkout(), Catalogue(), Refusals());

    private static Dictionary<string, (string En, string Am)> Merge(params Dictionary<string, (string En, string Am)>[] areas)
    {
        var all = new Dictionary<string, (string En, string Am)>();
        foreach (var area in areas)
            foreach (var (key, text) in area)
                all.Add(key, text);
        return all;
    }

    /// <summary>Every key, for the test that each has both languages.</summary>
    public static IReadOnlyDictionary<string, (string En, string Am)> All => Texts;

    private static Dictionary<string, (string En, string Am)> Common() => new()
    {
        ["shop"] = ("AddisPay shop", "አዲስፔይ መደብር"),
        ["skip"] = ("Skip to content", "ወደ ይዘቱ ይለፉ"),
        ["search"] = ("Search", "ፈልግ"),
        ["search.label"] = ("Search products", "ምርቶችን ይፈልጉ"),
        ["cart"] = ("Cart", "ጋሪ"),
        ["signin"] = ("Sign in", "ይግቡ"),
        ["language"] = ("Language", "ቋንቋ"),
        ["categories"] = ("Categories", "ምድቦች"),
        ["products"] = ("Products", "ምርቶች"),
        ["home.title"] = ("Welcome to the AddisPay shop", "ወደ አዲስፔይ መደብር እንኳን በደህና መጡ"),
        ["home.new"] = ("New in the shop", "አዳዲስ ምርቶች"),
        ["instock"] = ("In stock", "በክምችት አለ"),
        ["outofstock"] = ("Out of stock", "ከክምችት ውጭ"),
        ["available"] = ("{0} available", "{0} ይገኛል"),
        ["page.prev"] = ("Previous page", "ቀዳሚ ገጽ"),
        ["page.next"] = ("Next page", "ቀጣይ ገጽ"),
        ["page.of"] = ("Page {0} of {1}", "ገጽ {0} ከ {1}"),
        ["results.for"] = ("Results for “{0}”", "ለ “{0}” የተገኙ ውጤቶች"),
        ["results.count"] = ("{0} products", "{0} ምርቶች"),
        ["results.none"] = ("No products found.", "ምንም ምርት አልተገኘም።"),
        ["didyoumean"] = ("Showing results for “{0}”.", "ለ “{0}” ውጤቶችን በማሳየት ላይ።"),
        ["variant"] = ("Variant", "ዓይነት"),
        ["quantity"] = ("Quantity", "ብዛት"),
        ["addtocart"] = ("Add to cart", "ወደ ጋሪ ጨምር"),
        ["added"] = ("Added {0} to your cart.", "{0} ወደ ጋሪዎ ተጨምሯል።"),
        ["viewcart"] = ("View cart", "ጋሪውን ይመልከቱ"),
        ["cart.title"] = ("Your cart", "የእርስዎ ጋሪ"),
        ["cart.empty"] = ("Your cart is empty.", "ጋሪዎ ባዶ ነው።"),
        ["cart.product"] = ("Product", "ምርት"),
        ["cart.price"] = ("Unit price", "የአንዱ ዋጋ"),
        ["cart.total"] = ("Total", "ድምር"),
        ["cart.subtotal"] = ("Subtotal", "ንዑስ ድምር"),
        ["cart.vat"] = ("VAT (15%)", "ተ.እ.ታ (15%)"),
        ["cart.update"] = ("Update", "አዘምን"),
        ["cart.remove"] = ("Remove", "አስወግድ"),
        ["cart.updated"] = ("Your cart was updated.", "ጋሪዎ ተዘምኗል።"),
        ["cart.unavailable"] = ("Not available in this quantity", "በዚህ ብዛት አይገኝም"),
        ["notice.price_changed"] = ("The price of {0} changed from {1} to {2}.", "የ{0} ዋጋ ከ{1} ወደ {2} ተቀይሯል።"),
        ["notice.low_availability"] = ("Fewer of {0} are left than your cart holds.", "ከ{0} በጋሪዎ ካለው ያነሰ ቀርቷል።"),
        ["notice.discontinued"] = ("{0} is no longer sold.", "{0} ከአሁን በኋላ አይሸጥም።"),
        ["error.quantity"] = ("Choose a quantity between 1 and 99.", "ከ1 እስከ 99 ያለ ብዛት ይምረጡ።"),
        ["notfound.title"] = ("Page not found", "ገጹ አልተገኘም"),
        ["notfound.text"] = ("We could not find that page. It may have moved, or the product is no longer sold.",
                             "ያንን ገጽ ማግኘት አልቻልንም። ተዛውሮ ሊሆን ይችላል ወይም ምርቱ ከአሁን በኋላ አይሸጥም።"),
        ["notfound.home"] = ("Go to the shop's home page", "ወደ መደብሩ መነሻ ገጽ ይሂዱ"),
        ["brand"] = ("Brand", "ምርት ስም"),
        ["description"] = ("Description", "መግለጫ"),
    };

    public static string Get(string key, string language) =>
        Texts.TryGetValue(key, out var t) ? (language == ShopLanguage.Amharic ? t.Am : t.En) : key;
}
