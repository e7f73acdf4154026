using System.Text;
using AddisPay.Products;
using AddisPay.Products.Contracts;
using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// A product of two variants (250 g at 340 ETB with 10 in stock, 500 g at 650 ETB with none) in "coffee-beans" under
/// "coffee", of a brand of its own: created as a draft, read anonymously, published, read by its slug, listed by category,
/// price and another category, archived, read again, published again; and the events its publication and archiving left.
/// </summary>
public sealed record CoffeeLifecycle(JsonElement Created, HttpStatusCode DraftRead, HttpStatusCode Published, JsonElement BySlug,
    int InCoffee, int UnderPriceCeiling, int InTextiles, HttpStatusCode Archived, HttpStatusCode ArchivedRead, HttpStatusCode Republished,
    long PublishedEvents, long ArchivedEvents)
{
    public static Task<CoffeeLifecycle> ArrangedAsync(CatalogueAndCartPlatform platform) => ProductShop.ArrangedAsync(platform, async shop =>
    {
        var brand = $"Brand {Guid.NewGuid():N}";
        var created = await shop.CreateAsync(new
        {
            name = "Yirgacheffe coffee beans", nameAm = "የይርጋጨፌ ቡና", brand, categorySlug = "coffee-beans",
            images = new[] { "https://images.example.et/yirga.jpg" }, attributes = new Dictionary<string, string> { ["roast"] = "medium" },
            variants = new[]
            {
                new { sku = Unique("Y250"), options = new Dictionary<string, string> { ["size"] = "250 g" }, priceEtb = 340.00m, stock = 10 },
                new { sku = Unique("Y500"), options = new Dictionary<string, string> { ["size"] = "500 g" }, priceEtb = 650.00m, stock = 0 }
            }
        });
        var id = created.GetProperty("id").GetGuid();
        var slug = created.GetProperty("slug").GetString()!;
        HttpStatusCode draftRead;
        using (var hidden = await shop.Http.GetAsync($"/api/products/{id}")) draftRead = hidden.StatusCode;
        var published = await shop.AdminStatusAsync(HttpMethod.Post, $"/api/products/{id}/publish");
        var bySlug = await shop.Http.GetFromJsonAsync<JsonElement>($"/api/products/{slug}");

        async Task<int> TotalAsync(string query) =>
            (await shop.Http.GetFromJsonAsync<JsonElement>($"/api/products?{query}&brand={Uri.EscapeDataString(brand)}")).GetProperty("total").GetInt32();
        var inCoffee = await TotalAsync("category=coffee");
        var underCeiling = await TotalAsync("maxPriceEtb=300");
        var inTextiles = await TotalAsync("category=textiles");

        var archived = await shop.AdminStatusAsync(HttpMethod.Post, $"/api/products/{id}/archive");
        HttpStatusCode archivedRead;
        using (var gone = await shop.Http.GetAsync($"/api/products/{slug}")) archivedRead = gone.StatusCode;
        var republished = await shop.AdminStatusAsync(HttpMethod.Post, $"/api/products/{id}/publish");
        return new CoffeeLifecycle(created, draftRead, published, bySlug, inCoffee, underCeiling, inTextiles, archived, archivedRead, republished,
            await shop.EventsAsync("products.product_published", $"stream_id = '{id}'"), await shop.EventsAsync("products.product_archived", $"stream_id = '{id}'"));
    });
}

/// <summary>
/// The whole catalogue (a honey product at 310 ETB added first) exported page by page in one format over the pod-to-pod
/// endpoint (ExportCataloguePage), imported back (ImportCatalogue), and exported again.
/// </summary>
public sealed record CatalogueRoundTrip(string File, int Products, JsonElement Report, string ExportedAgain)
{
    public static Task<CatalogueRoundTrip> ArrangedAsync(CatalogueAndCartPlatform platform, string format) => ProductShop.ArrangedAsync(platform, async shop =>
    {
        await shop.NewSkuAsync("EXP", stock: 9, name: "Bale mountain honey", nameAm: "የባሌ ማር", priceEtb: 310m, categorySlug: "honey");
        var (file, products) = await ExportAsync(shop, format);
        var report = await ImportAsync(shop, format, file);
        return new CatalogueRoundTrip(file, products, report, (await ExportAsync(shop, format)).Text);
    }, format);

    public static Task<JsonElement> ImportAsync(ProductShop shop, string format, string content, string? key = null) =>
        shop.OkAsync("ImportCatalogue", new { format, content, staffId = Staff, idempotencyKey = key ?? Key() });

    private static async Task<(string Text, int Products)> ExportAsync(ProductShop shop, string format)
    {
        var text = new StringBuilder();
        var products = 0;
        Guid? after = null;
        do
        {
            var page = await shop.OkAsync("ExportCataloguePage", new { format, after, pageSize = 100 });
            var part = page.GetProperty("text").GetString()!;
            if (format == "json" && text.Length > 0 && part.Length > 0) text.Append(",\n");
            text.Append(part);
            products += page.GetProperty("products").GetInt32();
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetGuid();
        } while (after is not null);
        return (format == "json" ? "[" + text + "]" : text.ToString(), products);
    }
}

/// <summary>
/// A SKU of 6 units, one hold of 2 (paid) and one of 3 (cancelled); the paid one committed and the cancelled one released,
/// each twice; then the paid one released late. The answers, the stock after, and the ledger's reasons oldest first.
/// </summary>
public sealed record SoldAndReleased(List<(HttpStatusCode Status, string? Outcome)> Commits, List<HttpStatusCode> Releases,
    (int OnHand, int Reserved, int Available) Stock, HttpStatusCode LateRelease, string[] ReasonsOldestFirst)
{
    public static Task<SoldAndReleased> ArrangedAsync(CatalogueAndCartPlatform platform) => ProductShop.ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("INV", stock: 6);
        var (paid, cancelled) = (Guid.NewGuid(), Guid.NewGuid());
        (await shop.ReserveAsync(paid, "00:10:00", (sku, 2))).Dispose();
        (await shop.ReserveAsync(cancelled, "00:10:00", (sku, 3))).Dispose();

        var commits = new List<(HttpStatusCode, string?)>();
        var releases = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using (var commit = await shop.InternalAsync("CommitReservation", new { reservationId = paid }))
                commits.Add((commit.StatusCode, (await commit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()));
            releases.Add(await shop.InternalStatusAsync("ReleaseReservation", new { reservationId = cancelled }));
        }
        var (onHand, reserved, available, movements) = await shop.StockAsync(sku);
        var late = await shop.InternalStatusAsync("ReleaseReservation", new { reservationId = paid });
        var reasons = movements.EnumerateArray().Select(m => m.GetProperty("reason").GetString()!).Reverse().ToArray();
        return new SoldAndReleased(commits, releases, (onHand, reserved, available), late, reasons);
    });
}

/// <summary>A hold of a SKU's only unit for one second: what was available right after, once the sweep released it, a commit after that, the ledger then.</summary>
public sealed record ExpiredHold(int AvailableWhileHeld, int AvailableAfterExpiry, HttpStatusCode CommitAfterExpiry, string Movements)
{
    public static Task<ExpiredHold> ArrangedAsync(CatalogueAndCartPlatform platform) => ProductShop.ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("INV", stock: 1);
        var id = Guid.NewGuid();
        (await shop.ReserveAsync(id, "00:00:01", (sku, 1))).Dispose();
        var whileHeld = (await shop.StockAsync(sku)).Available;
        var expired = await Eventually.Until(() => shop.StockAsync(sku), s => s.Available == 1, "the expired hold to be released", TimeSpan.FromSeconds(15));
        var commit = await shop.InternalStatusAsync("CommitReservation", new { reservationId = id });
        return new ExpiredHold(whileHeld, expired.Available, commit, (await shop.StockAsync(sku)).Movements.ToString());
    });
}

/// <summary>
/// A SKU of 8 units held down to 4 (low) and then to none (depleted); a write-off of one unit, a restock of 3 with a note,
/// a correction with an unknown reason; the stock after, and the stock events the SKU published.
/// </summary>
public sealed record StockMoves(HttpStatusCode WriteOffOfHeldUnit, HttpStatusCode Restock, HttpStatusCode UnknownReason, int OnHand, int Available,
    JsonElement LatestMovement, long Low, long Depleted, long Replenished)
{
    public static Task<StockMoves> ArrangedAsync(CatalogueAndCartPlatform platform) => ProductShop.ArrangedAsync(platform, async shop =>
    {
        var sku = await shop.NewSkuAsync("INV", stock: 8);
        (await shop.ReserveAsync(Guid.NewGuid(), "00:10:00", (sku, 4))).Dispose(); // 4 left: low
        (await shop.ReserveAsync(Guid.NewGuid(), "00:10:00", (sku, 4))).Dispose(); // none left: depleted
        var url = $"/api/products/inventory/{sku}/adjustments";
        var writeOff = await shop.AdminStatusAsync(HttpMethod.Post, url, new { delta = -1, reason = "damaged" }); // every unit is held by a checkout
        var restock = await shop.AdminStatusAsync(HttpMethod.Post, url, new { delta = 3, reason = "restock", note = "Delivery from Sidama" });
        var unknown = await shop.AdminStatusAsync(HttpMethod.Post, url, new { delta = 2, reason = "because" });
        var (onHand, _, available, movements) = await shop.StockAsync(sku);
        Task<long> Events(string type) => shop.EventsAsync(type, $"data->>'Sku' = '{sku}'");
        return new StockMoves(writeOff, restock, unknown, onHand, available, movements.EnumerateArray().First(),
            await Events("products.stock_low"), await Events("products.stock_depleted"), await Events("products.stock_replenished"));
    });
}

/// <summary>
/// A PNG uploaded to a draft product by staff (AddProductImage), uploaded again; read anonymously while a draft, once
/// published, and with its ETag; the product's detail; the picture removed (RemoveProductImage) and read again.
/// </summary>
public sealed record UploadedPicture(Guid ProductId, int PicturesAfterUpload, StaffProductImage Image, bool UploadedAgainReplayed, HttpStatusCode DraftRead, HttpStatusCode PublishedRead,
    string? ServedType, byte[] Served, string? ServedETag, System.Net.Http.Headers.CacheControlHeaderValue? ServedCache, HttpStatusCode ConditionalRead,
    int ConditionalBytes, string? DetailPicture, StaffProduct AfterRemoval, HttpStatusCode RemovedRead)
{
    public static Task<UploadedPicture> ArrangedAsync(CatalogueAndCartPlatform platform) => ProductShop.ArrangedAsync(platform, async shop =>
    {
        var product = await shop.StaffProductAsync();
        var uploaded = (await shop.SendAsync(new AddProductImage(product.ProductId, Png, "label.png", Staff))).Product.Images;
        var image = uploaded[0];
        var again = (await shop.SendAsync(new AddProductImage(product.ProductId, Png, "again.png", Staff))).Replayed;

        HttpStatusCode draftRead;
        using (var draft = await shop.Http.GetAsync(image.Url)) draftRead = draft.StatusCode;
        await shop.SendAsync(new ChangeProductStatusForStaff(product.ProductId, true, Staff));
        using var served = await shop.Http.GetAsync(image.Url);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        using var conditional = new HttpRequestMessage(HttpMethod.Get, image.Url);
        conditional.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{image.Hash}\""));
        using var notModified = await shop.Http.SendAsync(conditional);
        var detail = await shop.SendAsync(new GetProductDetail(product.ProductId.ToString()));

        var removed = await shop.SendAsync(new RemoveProductImage(product.ProductId, image.Hash!, Staff));
        HttpStatusCode removedRead;
        using (var gone = await shop.Http.GetAsync(image.Url)) removedRead = gone.StatusCode;
        return new UploadedPicture(product.ProductId, uploaded.Count, image, again, draftRead, served.StatusCode, served.Content.Headers.ContentType?.MediaType, bytes,
            served.Headers.ETag?.Tag, served.Headers.CacheControl, notModified.StatusCode, (await notModified.Content.ReadAsByteArrayAsync()).Length,
            ProductImages.For(product.ProductId, detail!.Images), removed.Product, removedRead);
    });
}

/// <summary>
/// A tree of four staff categories (top → child → grandchild, and another top-level one): the child renamed in both languages;
/// the top moved under its grandchild and under itself (both refused); the child moved under the other, then again.
/// </summary>
public sealed record HerbTree(string Top, string Child, string Grandchild, string Other, JsonElement Renamed, (HttpStatusCode Status, JsonElement Problem) UnderDescendant,
    HttpStatusCode UnderItself, JsonElement TopAfterRefusals, JsonElement Moved, JsonElement OtherAfterMove, JsonElement MovedAgain)
{
    public static Task<HerbTree> ArrangedAsync(CatalogueAndCartPlatform platform) => ProductShop.ArrangedAsync(platform, async shop =>
    {
        var (top, child, grandchild, other) = (StaffCategories.Slug("herbs"), StaffCategories.Slug("herbs"), StaffCategories.Slug("herbs"), StaffCategories.Slug("herbs"));
        await StaffCategories.CreateAsync(shop, top, null);
        await StaffCategories.CreateAsync(shop, child, top);
        await StaffCategories.CreateAsync(shop, grandchild, child);
        await StaffCategories.CreateAsync(shop, other, null);

        var renamed = await shop.OkAsync("RenameStaffCategory", new { slug = child, name = "Dried herbs", nameAm = "የደረቁ ቅጠላ ቅጠሎች" });
        var loop = await shop.RefusedAsync("MoveStaffCategory", new { slug = top, newParentSlug = grandchild });
        var self = await shop.InternalStatusAsync("MoveStaffCategory", new { slug = top, newParentSlug = top });
        var topAfter = (await StaffCategories.FindAsync(shop, top))!.Value;
        var moved = await shop.OkAsync("MoveStaffCategory", new { slug = child, newParentSlug = other });
        var otherAfter = (await StaffCategories.FindAsync(shop, other))!.Value;
        var again = await shop.OkAsync("MoveStaffCategory", new { slug = child, newParentSlug = other });
        return new HerbTree(top, child, grandchild, other, renamed, loop, self, topAfter, moved, otherAfter, again);
    });
}

/// <summary>The staff category steps: a fresh slug, a category made under a parent, a category found in the staff tree.</summary>
public static class StaffCategories
{
    public static string Slug(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];

    public static Task<JsonElement> CreateAsync(ProductShop shop, string slug, string? parent) =>
        shop.OkAsync("CreateStaffCategory", new { slug, name = "Spices " + slug, nameAm = "ቅመሞች", parentSlug = parent, sortOrder = 0 });

    public static async Task<JsonElement?> FindAsync(ProductShop shop, string slug)
    {
        var tree = await shop.OkAsync("GetStaffCategoryTree", new { });
        JsonElement? Find(JsonElement level)
        {
            foreach (var c in level.EnumerateArray())
            {
                if (c.GetProperty("slug").GetString() == slug) return c;
                if (Find(c.GetProperty("children")) is { } found) return found;
            }
            return null;
        }
        return Find(tree);
    }
}
