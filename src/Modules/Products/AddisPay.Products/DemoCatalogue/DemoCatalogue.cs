namespace AddisPay.Products.DemoCatalogue;

/// <summary>A small Addis Ababa shop for local runs, added once to an empty catalogue.</summary>
/// <remarks>A dozen hand-written products, then AddisPay:Products:DemoProducts (2,000 by default) from the generator.</remarks>
internal sealed class DemoCatalogue(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock, Microsoft.Extensions.Configuration.IConfiguration configuration)
    : AddisPay.Shared.Modules.IDemoData
{
    private static readonly (string Sku, string Name, string NameAm, string Brand, string Category, (string Size, decimal Price, int Stock)[] Variants)[] Items =
    [
        ("COF-YIRG", "Yirgacheffe coffee beans", "የይርጋጨፌ ቡና", "Tomoca", "coffee-beans", [("250 g", 340.00m, 80), ("500 g", 650.00m, 120), ("1 kg", 1250.00m, 40)]),
        ("COF-SIDA", "Sidamo coffee beans", "የሲዳሞ ቡና", "Garden of Coffee", "coffee-beans", [("500 g", 590.00m, 60), ("1 kg", 1150.00m, 60)]),
        ("COF-HARA", "Harar longberry coffee", "የሐረር ቡና", "Tomoca", "coffee-beans", [("500 g", 720.00m, 3)]),
        ("JEB-CLAY", "Clay jebena coffee pot", "የሸክላ ጀበና", "Addis Crafts", "coffee-ware", [("small", 380.00m, 20), ("large", 480.00m, 15)]),
        ("SNI-CUPS", "Sini coffee cups, set of 6", "ስኒ፣ 6 ቁጥር", "Addis Crafts", "coffee-ware", [("white", 390.00m, 50), ("painted", 520.00m, 25)]),
        ("BER-MIX", "Berbere spice mix", "በርበሬ", "Mama's Kitchen", "spices", [("500 g", 380.00m, 100), ("1 kg", 720.00m, 150)]),
        ("MIT-MIX", "Mitmita spice", "ሚጥሚጣ", "Mama's Kitchen", "spices", [("250 g", 260.00m, 70)]),
        ("SHI-PWD", "Shiro powder", "ሽሮ", "Mama's Kitchen", "grains", [("1 kg", 380.00m, 200)]),
        ("TEF-WHT", "White teff flour", "ነጭ ጤፍ ዱቄት", "Ada Teff", "grains", [("5 kg", 1250.00m, 90), ("10 kg", 2400.00m, 30)]),
        ("NET-GABI", "Cotton gabi blanket", "የጥጥ ጋቢ", "Shiro Meda Weavers", "textiles", [("single", 1850.00m, 25), ("double", 2600.00m, 10)]),
        ("NET-NETE", "Netela shawl, hand-woven", "በእጅ የተሰራ ነጠላ", "Shiro Meda Weavers", "textiles", [("white", 950.00m, 40), ("tilet border", 1200.00m, 0)]),
        ("KRR-6STR", "Krar, six-string lyre", "ክራር", "Addis Crafts", "crafts", [("standard", 5200.00m, 5)])
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Products.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        var categories = new Dictionary<string, Category>();
        foreach (var g in CatalogueGenerator.Categories)
        {
            var c = new Category { Id = Guid.CreateVersion7(), Slug = g.Slug, Name = g.Name, NameAm = g.NameAm, ParentId = g.ParentSlug is null ? null : categories[g.ParentSlug].Id, SortOrder = categories.Count };
            categories[g.Slug] = c;
            db.Categories.Add(c);
        }
        await db.SaveChangesAsync(ct); // categories first, so their paths can be named in the events
        var paths = await CategoryPaths.AllAsync(db, ct);
        foreach (var item in Items)
        {
            var id = Guid.CreateVersion7();
            var product = new Product
            {
                Id = id, Slug = Slugs.From(item.Name, item.Sku.ToLowerInvariant()), Name = item.Name, NameAm = item.NameAm, Brand = item.Brand,
                Category = categories[item.Category], CategoryId = categories[item.Category].Id, CreatedAt = now, UpdatedAt = now,
                Images = [Contracts.ProductImages.Drawn(id)],
                Attributes = new() { ["origin"] = "Ethiopia" },
                Variants = item.Variants.Select(v => new Variant
                {
                    Id = Guid.CreateVersion7(), ProductId = id, Sku = $"{item.Sku}-{Slugs.From(v.Size, "std").ToUpperInvariant()}",
                    Options = new() { ["size"] = v.Size }, PriceEtb = v.Price, OnHand = v.Stock
                }).ToList()
            };
            db.Products.Add(product);
            work.Raise(product.Publish(now, paths[product.CategoryId!.Value]));
        }
        await work.CompleteAsync(ct);

        var generated = Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, "AddisPay:Products:DemoProducts", 2000);
        foreach (var batch in new CatalogueGenerator().Products(generated).Chunk(500))
        {
            db.ChangeTracker.Clear();
            foreach (var g in batch)
            {
                var id = Guid.CreateVersion7();
                var product = new Product
                {
                    Id = id, Slug = Slugs.From($"{g.Name} {g.Variants[0].Sku}", id.ToString("N")), Name = g.Name, NameAm = g.NameAm, Description = g.Description,
                    DescriptionAm = g.DescriptionAm, Brand = g.Brand, CategoryId = categories[g.CategorySlug].Id, Images = g.Images is [] ? [Contracts.ProductImages.Drawn(id)] : g.Images, Attributes = g.Attributes,
                    CreatedAt = now, UpdatedAt = now,
                    Variants = g.Variants.Select(v => new Variant { Id = Guid.CreateVersion7(), ProductId = id, Sku = v.Sku, Options = v.Options, PriceEtb = v.PriceEtb, OnHand = v.Stock }).ToList()
                };
                db.Products.Add(product);
                work.Raise(product.Publish(now, paths[product.CategoryId!.Value]));
            }
            await work.CompleteAsync(ct);
        }
    }
}
