namespace AddisPay.Products.Domain;

/// <summary>
/// A deterministic, realistic Ethiopian catalogue: the same seed always gives the same products. Used for
/// the demo shop and for load data (100,000 products, or 1,000,000 on request).
/// </summary>
public sealed class CatalogueGenerator(int seed = 2026)
{
    public sealed record GeneratedCategory(string Slug, string Name, string NameAm, string? ParentSlug);
    public sealed record GeneratedVariant(string Sku, Dictionary<string, string> Options, decimal PriceEtb, int Stock);
    /// <param name="Images">None: the seeder points a product at its drawn picture (<see cref="Contracts.ProductImages.Drawn"/>), which needs its id.</param>
    public sealed record GeneratedProduct(string Name, string NameAm, string Description, string DescriptionAm, string Brand, string CategorySlug,
        List<string> Images, Dictionary<string, string> Attributes, List<GeneratedVariant> Variants);

    private sealed record Kind(string Category, string Noun, string NounAm, decimal BasePrice, string OptionName, string[] Options, string[] Brands);

    public static readonly GeneratedCategory[] Categories =
    [
        new("coffee", "Coffee", "ቡና", null), new("coffee-beans", "Coffee beans", "የቡና ፍሬ", "coffee"), new("coffee-ware", "Coffee ware", "የቡና እቃዎች", "coffee"),
        new("pantry", "Pantry", "ጓዳ", null), new("spices", "Spices", "ቅመማ ቅመም", "pantry"), new("grains", "Flour and grains", "ዱቄትና እህል", "pantry"),
        new("honey", "Honey", "ማር", "pantry"), new("fashion", "Fashion", "ፋሽን", null), new("traditional-dress", "Traditional dress", "ባህላዊ ልብስ", "fashion"),
        new("shoes", "Shoes", "ጫማ", "fashion"), new("home", "Home", "ቤት", null), new("baskets", "Baskets", "መሶብና ሰፌድ", "home"),
        new("textiles", "Textiles", "ጨርቃጨርቅ", "home"), new("electronics", "Electronics", "ኤሌክትሮኒክስ", null), new("phones", "Phones", "ስልኮች", "electronics"),
        new("accessories", "Accessories", "መለዋወጫዎች", "electronics"), new("crafts", "Crafts and music", "የእጅ ሥራና ሙዚቃ", null)
    ];

    private static readonly Kind[] Kinds =
    [
        new("coffee-beans", "coffee beans", "ቡና", 320m, "size", ["250 g", "500 g", "1 kg"], ["Tomoca", "Garden of Coffee", "Kaldi's", "Alem Bunna"]),
        new("coffee-ware", "jebena", "ጀበና", 380m, "size", ["small", "medium", "large"], ["Addis Crafts", "Entoto Pottery"]),
        new("coffee-ware", "sini cups", "ስኒ", 300m, "set", ["4 cups", "6 cups", "12 cups"], ["Addis Crafts", "Entoto Pottery"]),
        new("spices", "berbere", "በርበሬ", 190m, "size", ["250 g", "500 g", "1 kg"], ["Mama's Kitchen", "Merkato Spice", "Fana"]),
        new("spices", "mitmita", "ሚጥሚጣ", 160m, "size", ["100 g", "250 g"], ["Mama's Kitchen", "Merkato Spice"]),
        new("grains", "teff flour", "ጤፍ ዱቄት", 260m, "size", ["1 kg", "5 kg", "10 kg"], ["Ada Teff", "Bishoftu Mills"]),
        new("grains", "shiro powder", "ሽሮ", 180m, "size", ["500 g", "1 kg"], ["Mama's Kitchen", "Fana"]),
        new("honey", "honey", "ማር", 600m, "size", ["500 g", "1 kg"], ["Tigray Honey", "Gojjam Bees", "Wenchi Apiary"]),
        new("traditional-dress", "habesha kemis", "የሀበሻ ቀሚስ", 3500m, "size", ["S", "M", "L", "XL"], ["Shiro Meda Weavers", "Yod Design"]),
        new("traditional-dress", "netela shawl", "ነጠላ", 800m, "colour", ["white", "tilet red", "tilet green"], ["Shiro Meda Weavers"]),
        new("shoes", "leather sandals", "የቆዳ ነጠላ ጫማ", 1400m, "size", ["38", "40", "42", "44"], ["Anbessa Shoe", "Sole Rebels"]),
        new("baskets", "mesob basket", "መሶብ", 1800m, "size", ["small", "large"], ["Harar Weavers", "Addis Crafts"]),
        new("textiles", "gabi blanket", "ጋቢ", 1600m, "size", ["single", "double"], ["Shiro Meda Weavers", "Bahir Dar Textile"]),
        new("phones", "smartphone", "ስማርት ስልክ", 18000m, "storage", ["64 GB", "128 GB", "256 GB"], ["Tecno", "Samsung", "Infinix", "Nokia"]),
        new("accessories", "phone charger", "የስልክ ቻርጀር", 450m, "type", ["USB-C", "micro USB"], ["Oraimo", "Anker"]),
        new("crafts", "krar lyre", "ክራር", 4800m, "strings", ["5 strings", "6 strings"], ["Addis Crafts"])
    ];

    private static readonly (string En, string Am)[] Origins =
    [
        ("Yirgacheffe", "ይርጋጨፌ"), ("Sidamo", "ሲዳሞ"), ("Harar", "ሐረር"), ("Guji", "ጉጂ"), ("Jimma", "ጅማ"), ("Limu", "ሊሙ"), ("Gojjam", "ጎጃም"),
        ("Tigray", "ትግራይ"), ("Wollo", "ወሎ"), ("Gondar", "ጎንደር"), ("Bahir Dar", "ባሕር ዳር"), ("Addis", "አዲስ"), ("Dire Dawa", "ድሬ ዳዋ"), ("Bale", "ባሌ")
    ];

    private static readonly (string En, string Am)[] Qualities =
    [
        ("Premium", "ምርጥ"), ("Organic", "ኦርጋኒክ"), ("Classic", "ባህላዊ"), ("Hand-made", "በእጅ የተሰራ"), ("Family", "የቤተሰብ"), ("Festive", "የበዓል"),
        ("Everyday", "የዕለት"), ("Highland", "የደጋ"), ("Wild", "የዱር"), ("Golden", "ወርቃማ")
    ];

    public IEnumerable<GeneratedProduct> Products(int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var origin = Origins[random.Next(Origins.Length)];
            var quality = Qualities[random.Next(Qualities.Length)];
            var brand = kind.Brands[random.Next(kind.Brands.Length)];
            var name = $"{quality.En} {origin.En} {kind.Noun}";
            var nameAm = $"{quality.Am} የ{origin.Am} {kind.NounAm}";
            var skuStem = $"G{i:D7}";
            var variantCount = 1 + random.Next(kind.Options.Length);
            var variants = kind.Options.Take(variantCount).Select((option, v) => new GeneratedVariant(
                $"{skuStem}-{v + 1}", new Dictionary<string, string> { [kind.OptionName] = option },
                decimal.Round(kind.BasePrice * (1 + v * 0.8m) * (0.8m + (decimal)random.NextDouble() * 0.6m), 2),
                random.Next(10) == 0 ? 0 : random.Next(1, 200))).ToList();
            yield return new GeneratedProduct(name, nameAm,
                $"{quality.En} {kind.Noun} from {origin.En}, sold by {brand}.", $"{quality.Am} {kind.NounAm} ከ{origin.Am}።",
                brand, kind.Category, [],
                new Dictionary<string, string> { ["origin"] = origin.En }, variants);
        }
    }
}
