namespace AddisPay.Storefront.Shopping;

internal static partial class ShopTexts
{
    /// <summary>Product pages, listings, reviews and recommendations.</summary>
    private static Dictionary<string, (string En, string Am)> Catalogue() => new()
    {
        ["cat.filters"] = ("Filter and sort", "አጣራ እና ደርድር"),
        ["cat.any"] = ("Any", "ማንኛውም"),
        ["cat.price"] = ("Price", "ዋጋ"),
        ["cat.price.between"] = ("{0} to {1}", "ከ{0} እስከ {1}"),
        ["cat.price.over"] = ("Over {0}", "ከ{0} በላይ"),
        ["cat.availability"] = ("Availability", "መገኘት"),
        ["cat.instockonly"] = ("In stock only", "በክምችት ያሉ ብቻ"),
        ["cat.rating"] = ("Rating", "ደረጃ"),
        ["cat.stars.up"] = ("{0} stars and up", "{0} ኮከብ እና በላይ"),
        ["cat.sort"] = ("Sort by", "ደርድር በ"),
        ["cat.sort.featured"] = ("Featured", "ተመራጭ"),
        ["cat.sort.newest"] = ("Newest", "አዲስ"),
        ["cat.sort.price-asc"] = ("Price: low to high", "ዋጋ፦ ከዝቅተኛ ወደ ከፍተኛ"),
        ["cat.sort.price-desc"] = ("Price: high to low", "ዋጋ፦ ከከፍተኛ ወደ ዝቅተኛ"),
        ["cat.sort.rating"] = ("Best rated", "ከፍተኛ ደረጃ"),
        ["cat.apply"] = ("Apply", "ተግብር"),
        ["cat.clear"] = ("Clear filters", "ማጣሪያዎችን አጽዳ"),
        ["cat.rating.short"] = ("{0} ★ ({1})", "{0} ★ ({1})"),
        ["cat.rating.summary"] = ("Rated {0} out of 5 by {1} shoppers", "ከ5 {0} ደረጃ በ{1} ገዢዎች"),
        ["cat.stars"] = ("{0} stars", "{0} ኮከብ"),
        ["cat.stars.of5"] = ("{0} out of 5 stars", "ከ5 ኮከብ {0}"),
        ["cat.reviews"] = ("Reviews", "ግምገማዎች"),
        ["cat.reviews.none"] = ("No reviews yet.", "እስካሁን ምንም ግምገማ የለም።"),
        ["cat.verified"] = ("Verified purchase", "የተረጋገጠ ግዢ"),
        ["cat.helpful"] = ("{0} shoppers found this helpful", "{0} ገዢዎች ጠቃሚ ሆኖ አግኝተውታል"),
        ["cat.together"] = ("Bought together", "አብረው የተገዙ"),
        ["cat.similar"] = ("Similar products", "ተመሳሳይ ምርቶች"),
        ["cat.popular"] = ("Popular now", "አሁን ተወዳጅ"),
        ["cat.foryou"] = ("For you", "ለእርስዎ"),
        ["cat.foryou.none"] = ("Browse the shop and we will suggest products for you here.", "መደብሩን ይጎብኙ፣ ለእርስዎ የሚሆኑ ምርቶችን እዚህ እንጠቁማለን።"),
        ["cat.watch.title"] = ("Back in stock", "ተመልሶ ሲገባ"),
        ["cat.watch.button"] = ("Tell me when it is back", "ሲመለስ አሳውቀኝ"),
        ["cat.watch.done"] = ("We will email you when it is back in stock.", "ተመልሶ ሲገባ በኢሜይል እናሳውቅዎታለን።"),
        ["cat.suggestions"] = ("Suggestions", "ጥቆማዎች"),
        ["cat.helpful.button"] = ("Helpful", "ጠቃሚ ነው"),
        ["cat.helpful.done"] = ("Thank you: your vote is counted.", "እናመሰግናለን፦ ድምፅዎ ተቆጥሯል።"),
        ["cat.helpful.own"] = ("You can't vote for your own review.", "ለራስዎ ግምገማ ድምፅ መስጠት አይችሉም።"),
        ["cat.helpful.gone"] = ("That review is no longer shown.", "ያ ግምገማ ከአሁን በኋላ አይታይም።"),
    };
}
