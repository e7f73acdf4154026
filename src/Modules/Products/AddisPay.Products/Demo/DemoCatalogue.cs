using AddisPay.Products.Catalogue;
using AddisPay.Products.Data;
using AddisPay.Shared.Events;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Products.Demo;

/// <summary>A small Addis Ababa shop for local runs, added once to an empty catalogue.</summary>
internal sealed class DemoCatalogue(ProductsDbContext db, EventLog events) : AddisPay.Shared.Modules.IDemoData
{
    private static readonly (string Sku, string Name, string NameAm, decimal Price, int Stock)[] Items =
    [
        ("COF-YIRG-500", "Yirgacheffe coffee beans, 500 g", "የይርጋጨፌ ቡና፣ 500 ግራም", 650.00m, 120),
        ("COF-SIDA-1K", "Sidamo coffee beans, 1 kg", "የሲዳሞ ቡና፣ 1 ኪሎ", 1150.00m, 60),
        ("JEB-CLAY-01", "Clay jebena coffee pot", "የሸክላ ጀበና", 480.00m, 35),
        ("SNI-CUPS-06", "Sini coffee cups, set of 6", "ስኒ፣ 6 ቁጥር", 390.00m, 80),
        ("MES-BASK-L", "Mesob basket, large", "መሶብ፣ ትልቅ", 2400.00m, 12),
        ("NET-GAB-WHT", "Cotton gabi blanket", "የጥጥ ጋቢ", 1850.00m, 25),
        ("NET-NETS-01", "Netela shawl, hand-woven", "በእጅ የተሰራ ነጠላ", 950.00m, 40),
        ("BER-SPICE-1K", "Berbere spice mix, 1 kg", "በርበሬ፣ 1 ኪሎ", 720.00m, 150),
        ("MIT-SHIRO-1K", "Shiro powder, 1 kg", "ሽሮ፣ 1 ኪሎ", 380.00m, 200),
        ("TEF-WHT-5K", "White teff flour, 5 kg", "ነጭ ጤፍ ዱቄት፣ 5 ኪሎ", 1250.00m, 90),
        ("HON-TIG-1K", "Tigray white honey, 1 kg", "የትግራይ ነጭ ማር፣ 1 ኪሎ", 1600.00m, 30),
        ("SPK-KRAR-01", "Krar, six-string lyre", "ክራር", 5200.00m, 5)
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Products.AnyAsync(ct)) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = new List<AddisPay.Shared.Contracts.IntegrationEvent>();
        foreach (var i in Items)
        {
            var (product, e) = Product.Create(i.Sku, i.Name, i.NameAm, null, i.Price, i.Stock);
            db.Products.Add(product);
            created.Add(e);
        }
        await events.SaveChangesAndPublishAsync(db, created, ct);
        await tx.CommitAsync(ct);
    }
}
