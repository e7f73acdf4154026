namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// Every module in the test server with the default settings, shared by the classes of one collection: starting a platform
/// (migrating every schema) costs seconds on two cores, so test classes that need nothing special don't each start their own.
/// xunit runs a collection's classes one after another; every test makes its own data (unique ids, e-mails, SKUs) and never
/// reads what other tests may have written (no global counts), so which classes ran before does not matter (README.md).
/// </summary>
public sealed class AllModulesPlatform : IDisposable
{
    public const string Collection = "All modules";
    public PlatformFactory Factory { get; } = new("all");
    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(AllModulesPlatform.Collection)]
public sealed class AllModulesCollection : ICollectionFixture<AllModulesPlatform>;

/// <summary>
/// Products and Cart in the test server, shared by the catalogue, inventory, cart and unit-of-work tests. Unpaid holds are
/// swept every quarter second (Products/SweepExpiredReservationsTests waits for one to expire); no other class here holds stock. The categories
/// the classes file their products under exist from the start: a category slug is unique, so they are made once here.
/// </summary>
public sealed class CatalogueAndCartPlatform : IDisposable
{
    public const string Collection = "Catalogue and cart";
    public PlatformFactory Factory { get; } = new("products,cart", new() { ["AddisPay:Products:ReservationSweepInterval"] = "00:00:00.250" });

    public CatalogueAndCartPlatform()
    {
        using var http = Factory.CreateClient();
        // Products' tests: a parent with one child, and another top-level category (ListProducts, GetProduct); honey (the imports).
        foreach (var (slug, name, nameAm, parent) in new[]
                 {
                     ("coffee", "Coffee", "ምድብ", (string?)null), ("coffee-beans", "Coffee beans", "ምድብ", "coffee"), ("textiles", "Textiles", "ምድብ", null),
                     ("honey", "Honey", "ማር", null)
                 })
            http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/categories", new { slug, name, nameAm, parentSlug = parent }, Tokens.Admin()))
                .GetAwaiter().GetResult().EnsureSuccessStatusCode();
    }

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(CatalogueAndCartPlatform.Collection)]
public sealed class CatalogueAndCartCollection : ICollectionFixture<CatalogueAndCartPlatform>;
