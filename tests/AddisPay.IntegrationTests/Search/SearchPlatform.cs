
namespace AddisPay.IntegrationTests.Search;

/// <summary>
/// Products and Search in the test server, shared by every use-case class of the "Search" collection: starting a platform
/// costs seconds on two cores, so the classes run one after another on this one. It holds a small catalogue of one brand
/// (<see cref="Brand"/>: three coffees, one sold out, and two spices) that the searching and suggesting tests read; a test
/// that changes or counts products makes its own (another brand, a word nobody else uses) and reads only those back, except
/// the price change of the catalogue's mitmita, made once (<see cref="SearchShop.RepricedMitmitaAsync"/>), which leaves it
/// the cheapest and in its price range.
/// </summary>
public sealed class SearchPlatform : IAsyncLifetime
{
    public const string Collection = "Search";

    public PlatformFactory Factory { get; } = new("products,search");
    public string Brand { get; } = $"Brand{Guid.NewGuid():N}"[..14];

    private readonly Arrangements _arranged = new();

    /// <summary>
    /// An arrangement several tests assert on, made once for the collection at the first test that asks for it (one per
    /// result type <typeparamref name="T"/>): a behaviour that follows one arrangement is asserted by its own test without
    /// repeating the arrange (a split that repeated it doubled the Reviews collection's time).
    /// </summary>
    public Task<T> ArrangedAsync<T>(Func<SearchShop, Task<T>> arrange) where T : class => _arranged.OnceAsync(() => arrange(new SearchShop(this)));

    public async Task InitializeAsync()
    {
        var shop = new SearchShop(this);
        await shop.CategoryAsync(new { slug = "coffee", name = "Coffee", nameAm = "ቡና" });
        await shop.CategoryAsync(new { slug = "spices", name = "Spices", nameAm = "ቅመማ ቅመም" });
        object Product(string name, string nameAm, string category, decimal price, int stock, string? description = null) => new
        {
            name, nameAm, brand = Brand, categorySlug = category, description, sku = $"S-{Guid.NewGuid():N}"[..16], priceEtb = price, stock, publish = true
        };
        await shop.PublishAsync(Product("Yirgacheffe coffee beans", "የይርጋጨፌ ቡና", "coffee", 650m, 10, "Floral, bright coffee from Gedeo"));
        await shop.PublishAsync(Product("Sidamo coffee beans", "የሲዳሞ ቡና", "coffee", 590m, 0));
        await shop.PublishAsync(Product("Harar longberry coffee", "የሐረር ቡና", "coffee", 1200m, 5));
        await shop.PublishAsync(Product("Berbere spice mix", "በርበሬ", "spices", 380m, 50, "Hot chilli blend for wot"));
        await shop.PublishAsync(Product("Mitmita chilli powder", "ሚጥሚጣ", "spices", 260m, 20));
        await Eventually.Until(() => shop.SearchAsync($"brand={Brand}"), r => SearchShop.Total(r) == 5, "the five products to be indexed");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(SearchPlatform.Collection)]
public sealed class SearchCollection : ICollectionFixture<SearchPlatform>;
