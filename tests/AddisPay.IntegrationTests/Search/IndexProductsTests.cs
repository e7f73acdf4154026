using AddisPay.Products.Contracts;
using AddisPay.Shared.Events;
using static AddisPay.IntegrationTests.Search.SearchShop;

namespace AddisPay.IntegrationTests.Search;

/// <summary>
/// The index follows Products' events (IndexProducts): category renames and moves, price changes, stock running out and
/// coming back, archiving, and the lexicon learning the words of products published later.
/// </summary>
[Collection(SearchPlatform.Collection)]
public sealed class IndexProductsTests(SearchPlatform platform)
{
    private readonly SearchShop _shop = new(platform);

    /// <summary>A category of its own with one product in it, indexed; its slug and the product's brand.</summary>
    private static async Task<(string Slug, string Brand)> FiledProductAsync(SearchShop shop, string categoryName)
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var (slug, brand) = ($"roasts-{token}", $"Roaster{token}");
        await shop.CategoryAsync(new { slug, name = categoryName, nameAm = "ቀላል ቁሌት" });
        await shop.PublishAsync(new { name = "Guji natural", nameAm = "የጉጂ ቡና", brand, categorySlug = slug, sku = $"R-{token}", priceEtb = 610m, stock = 4, publish = true });
        await Eventually.Until(() => shop.SearchAsync($"brand={brand}"), r => Total(r) == 1, "the product to be indexed");
        return (slug, brand);
    }

    // Categories.

    /// <summary>A category "Qorqoro roasts" renamed "Bunabet roasts" (የቡናቤት ቁሌት) with its product found by the new name.</summary>
    private sealed record RenamedCategory(string Brand);

    private Task<RenamedCategory> RenamedCategoryAsync() => platform.ArrangedAsync(async shop =>
    {
        var (slug, brand) = await FiledProductAsync(shop, "Qorqoro roasts");
        await shop.SendAsync(new RenameStaffCategory(slug, "Bunabet roasts", "የቡናቤት ቁሌት"));
        await Eventually.Until(() => shop.SearchAsync($"brand={brand}&q=bunabet"), r => Total(r) == 1, "the new name to be searchable");
        return new RenamedCategory(brand);
    });

    [Fact]
    public async Task A_renamed_category_is_found_by_its_new_name()
    {
        var renamed = await RenamedCategoryAsync();
        Assert.Equal(1, Total(await _shop.SearchAsync($"brand={renamed.Brand}&q=bunabet")));
    }

    [Fact]
    public async Task A_renamed_category_is_no_longer_found_by_its_old_name()
    {
        var renamed = await RenamedCategoryAsync();
        Assert.Equal(0, Total(await _shop.SearchAsync($"brand={renamed.Brand}&q=qorqoro")));
    }

    [Fact]
    public async Task A_renamed_category_is_found_by_its_new_amharic_name()
    {
        var renamed = await RenamedCategoryAsync();
        Assert.Equal(1, Total(await _shop.SearchAsync($"brand={renamed.Brand}&q=የቡናቤት")));
    }

    /// <summary>A category "Moved roasts" moved under "spices"; the spices listing of its product's brand once it lists it.</summary>
    private sealed record MovedCategory(string Slug, JsonElement Listed);

    private Task<MovedCategory> MovedCategoryAsync() => platform.ArrangedAsync(async shop =>
    {
        var (slug, brand) = await FiledProductAsync(shop, "Moved roasts");
        await shop.SendAsync(new MoveStaffCategory(slug, "spices"));
        var listed = await Eventually.Until(() => shop.SearchAsync($"brand={brand}&category=spices"), r => Total(r) == 1, "the moved category's product under spices");
        return new MovedCategory(slug, listed);
    });

    [Fact]
    public async Task A_category_moved_under_another_brings_its_products_into_that_categorys_listing() =>
        Assert.Equal(1, Total((await MovedCategoryAsync()).Listed));

    [Fact]
    public async Task A_category_moved_under_another_is_counted_in_that_categorys_category_facet()
    {
        var moved = await MovedCategoryAsync();
        Assert.Contains(moved.Slug, Facet(moved.Listed, "categories").Keys);
    }

    // Prices, stock and archiving in a category listing (SearchShop.CategoryListing; the listing as created: SearchProductsTests).

    [Fact]
    public async Task A_price_change_moves_the_product_to_its_new_range_in_a_listings_price_range_facet() =>
        Assert.Equal(new Dictionary<string, long> { ["0-500"] = 1, ["500-1000"] = 1, ["2500-5000"] = 1 }, Facet((await CategoryListingAsync(platform)).Repriced, "priceRanges"));

    [Fact]
    public async Task A_price_change_moves_the_product_to_its_new_place_in_a_listing_sorted_by_price() =>
        Assert.Equal(["Limu coffee beans"], (await CategoryListingAsync(platform)).RepricedSecondPage);

    [Fact]
    public async Task A_product_that_sells_out_is_counted_out_of_stock_in_a_listings_availability_facet() =>
        Assert.Equal(new Dictionary<string, long> { ["in_stock"] = 2, ["out_of_stock"] = 1 }, Facet((await CategoryListingAsync(platform)).SoldOut, "availability"));

    [Fact]
    public async Task A_product_that_sells_out_is_left_out_by_a_listings_in_stock_filter() =>
        Assert.Equal(2, (await CategoryListingAsync(platform)).InStockWhenSoldOut);

    [Fact]
    public async Task An_archived_product_leaves_a_listings_category_facet() =>
        Assert.Equal(new Dictionary<string, long> { ["coffee"] = 2, ["coffee-gifts"] = 2 }, Facet((await CategoryListingAsync(platform)).Archived, "categories"));

    [Fact]
    public async Task An_archived_product_leaves_a_listings_hits() =>
        Assert.Equal(["Kaffa coffee sampler", "Guji coffee gift box"], Names((await CategoryListingAsync(platform)).Archived));

    [Fact]
    public async Task The_kept_facet_counts_agree_with_counting_every_entry_after_price_changes_selling_out_and_archiving()
    {
        await CategoryListingAsync(platform);
        // The kept counts (what listings without words read) agree with counting every entry, key by key.
        await using var conn = new Npgsql.NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var compare = new Npgsql.NpgsqlCommand("""
            select count(*) from (select "FacetKey", count(*) as n from search.entries group by 1) e
              full join (select "FacetKey", "Count" as n from search.facet_counts where "Count" <> 0) f on f."FacetKey" = e."FacetKey"
             where e.n is distinct from f.n
            """, conn);
        Assert.Equal(0L, (long)(await compare.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_price_change_reaches_the_index() =>
        Assert.Equal(275.50m, (await RepricedMitmitaAsync(platform)).Hit.GetProperty("priceEtb").GetDecimal());

    // Stock.

    /// <summary>
    /// A product of 3 units of a brand of its own, read at each step: its document's row version before and after a stock
    /// change that leaves 1 (Search's inbox past that change), then sold out by another, then restocked.
    /// </summary>
    private sealed record StockSteps(string VersionBefore, string VersionAfterSmallChange, long InStockAfterSmallChange,
        long OutOfStockWhenSoldOut, long InStockWhenSoldOut, long InStockWhenRestocked);

    private Task<StockSteps> StockStepsAsync() => platform.ArrangedAsync(async shop =>
    {
        var brand = $"Stock{Guid.NewGuid():N}"[..14];
        var sku = $"ST-{Guid.NewGuid():N}"[..16];
        await shop.PublishAsync(new { name = "Wild forest honey", nameAm = "የጫካ ማር", brand, sku, priceEtb = 420m, stock = 3, publish = true });
        await Eventually.Until(() => shop.SearchAsync($"brand={brand}&inStock=true"), r => Total(r) == 1, "the product indexed in stock");
        async Task<string> DocumentVersion()
        {
            await using var conn = new Npgsql.NpgsqlConnection(platform.Factory.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("""
                select d.xmin::text from search.documents d join search.entries e on e."ProductId" = d."ProductId"
                 where d."Brand" = @brand
                """, conn);
            cmd.Parameters.AddWithValue("brand", brand);
            return (string)(await cmd.ExecuteScalarAsync())!;
        }

        var before = await DocumentVersion();
        await shop.AdjustAsync(sku, -2, "count_correction"); // 1 left: still in stock
        // Search's inbox moves past the stock change (it subscribes only to running out and coming back).
        var searchInbox = new InboxDescriptor("search", ModuleInbox.SubscriptionName("search"), ["products.stock_changed"]);
        await Eventually.Until(() => SubscriptionMonitor.ReadAsync(platform.Factory.ConnectionString, searchInbox, CancellationToken.None),
            m => m.Backlog == 0 && m.Position > 0, "Search to pass the stock change");
        var after = await DocumentVersion();
        var inStockAfter = Total(await shop.SearchAsync($"brand={brand}&inStock=true"));

        await shop.AdjustAsync(sku, -1, "damaged"); // sold out
        var outOfStock = Total(await Eventually.Until(() => shop.SearchAsync($"brand={brand}&inStock=false"), r => Total(r) == 1, "the product out of stock in the index"));
        var inStockSoldOut = Total(await shop.SearchAsync($"brand={brand}&inStock=true"));

        await shop.AdjustAsync(sku, 4, "restock");
        var restocked = Total(await Eventually.Until(() => shop.SearchAsync($"brand={brand}&inStock=true"), r => Total(r) == 1, "the product back in stock in the index"));
        return new StockSteps(before, after, inStockAfter, outOfStock, inStockSoldOut, restocked);
    });

    [Fact]
    public async Task A_stock_change_that_leaves_a_product_in_stock_rewrites_nothing_in_the_index()
    {
        var steps = await StockStepsAsync();
        Assert.Equal(steps.VersionBefore, steps.VersionAfterSmallChange);
    }

    [Fact]
    public async Task A_product_a_stock_change_leaves_in_stock_is_still_found_in_stock() =>
        Assert.Equal(1, (await StockStepsAsync()).InStockAfterSmallChange);

    [Fact]
    public async Task A_product_that_sells_out_is_found_out_of_stock() =>
        Assert.Equal(1, (await StockStepsAsync()).OutOfStockWhenSoldOut);

    [Fact]
    public async Task A_product_that_sells_out_is_no_longer_found_in_stock() =>
        Assert.Equal(0, (await StockStepsAsync()).InStockWhenSoldOut);

    [Fact]
    public async Task A_product_that_comes_back_is_found_in_stock_again() =>
        Assert.Equal(1, (await StockStepsAsync()).InStockWhenRestocked);

    // The lexicon.

    [Fact]
    public async Task The_lexicon_learns_the_words_of_a_product_published_later() =>
        Assert.Equal("awaze", (await LaterProductAsync(platform)).Found.GetProperty("correctedText").GetString());

    [Fact]
    public async Task A_misspelling_of_a_word_learnt_later_finds_its_product() =>
        Assert.Equal("Awaze chilli paste", (await LaterProductAsync(platform)).Found.GetProperty("hits")[0].GetProperty("name").GetString());
}
