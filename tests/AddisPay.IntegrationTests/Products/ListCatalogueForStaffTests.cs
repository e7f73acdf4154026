using AddisPay.Products.Contracts;
using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>The back office's catalogue list (ListCatalogueForStaff): keyset pages forwards and back, filters by status, category, stock and SKU.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ListCatalogueForStaffTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// Five new drafts of one token (two variants each: 12 and 3 units), the oldest published; the list of the token in pages
    /// of two forwards and one back, filtered by status, category and stock, and searched by one product's SKU.
    /// </summary>
    private sealed record Listed(List<StaffProduct> Made, StaffCataloguePage Page1, StaffCataloguePage Page2, StaffCataloguePage Page3, StaffCataloguePage Back,
        StaffCataloguePage Published, StaffCataloguePage Drafts, StaffCataloguePage LowInCoffeeBeans, StaffCataloguePage OutOfStock, StaffCataloguePage InTextiles,
        StaffCataloguePage BySku)
    {
        public List<Guid> NewestFirst => Made.Select(p => p.ProductId).Reverse().ToList();
    }

    private Task<Listed> ListedAsync() => ArrangedAsync(platform, async shop =>
    {
        var token = Token();
        var made = new List<StaffProduct>();
        for (var i = 0; i < 5; i++) made.Add((await shop.SendAsync(NewStaffProduct($"{token}{i}", Key(), "Guji honey"))).Product);
        await shop.SendAsync(new ChangeProductStatusForStaff(made[0].ProductId, true, Staff));

        Task<StaffCataloguePage> ListAsync(ListCatalogueForStaff query) => shop.SendAsync(query);
        var page1 = await ListAsync(new(Search: token, PageSize: 2));
        var page2 = await ListAsync(new(Search: token, After: page1.Next, PageSize: 2));
        var page3 = await ListAsync(new(Search: token, After: page2.Next, PageSize: 2));
        var back = await ListAsync(new(Search: token, Before: page3.Previous, PageSize: 2));
        return new Listed(made, page1, page2, page3, back,
            await ListAsync(new(Search: token, Status: "published")), await ListAsync(new(Search: token, Status: "draft")),
            await ListAsync(new(Search: token, CategorySlug: "coffee-beans", Stock: "low")), await ListAsync(new(Search: token, Stock: "out")),
            await ListAsync(new(Search: token, CategorySlug: "textiles")), await ListAsync(new(Search: $"sid-{token}3-500")));
    });

    [Fact]
    public async Task The_first_page_holds_the_newest_products_and_has_no_previous_page()
    {
        var listed = await ListedAsync();
        Assert.Equal(listed.NewestFirst[..2], listed.Page1.Items.Select(p => p.ProductId));
        Assert.Null(listed.Page1.Previous);
    }

    [Fact]
    public async Task The_next_key_pages_forwards_to_the_last_page_which_has_no_next()
    {
        var listed = await ListedAsync();
        Assert.Equal(listed.NewestFirst[2..4], listed.Page2.Items.Select(p => p.ProductId));
        Assert.Equal(listed.NewestFirst[4..], listed.Page3.Items.Select(p => p.ProductId));
        Assert.Null(listed.Page3.Next);
    }

    [Fact]
    public async Task The_previous_key_pages_back_to_a_page_with_a_previous_page_before_it()
    {
        var listed = await ListedAsync();
        Assert.Equal(listed.NewestFirst[2..4], listed.Back.Items.Select(p => p.ProductId));
        Assert.NotNull(listed.Back.Previous);
    }

    [Fact]
    public async Task The_list_filtered_by_status_holds_the_products_of_that_status()
    {
        var listed = await ListedAsync();
        Assert.Equal([listed.Made[0].ProductId], listed.Published.Items.Select(p => p.ProductId));
        Assert.Equal(4, listed.Drafts.Items.Count);
    }

    [Fact]
    public async Task The_list_filtered_by_category_and_low_stock_holds_the_products_with_a_variant_low_in_that_category() =>
        Assert.Equal(5, (await ListedAsync()).LowInCoffeeBeans.Items.Count);

    [Fact]
    public async Task The_list_filtered_by_out_of_stock_leaves_out_products_with_stock() =>
        Assert.Empty((await ListedAsync()).OutOfStock.Items);

    [Fact]
    public async Task The_list_filtered_by_another_category_leaves_out_the_products_of_this_one() =>
        Assert.Empty((await ListedAsync()).InTextiles.Items);

    [Fact]
    public async Task A_search_by_a_SKU_in_any_case_finds_its_product()
    {
        var listed = await ListedAsync();
        Assert.Equal([listed.Made[3].ProductId], listed.BySku.Items.Select(p => p.ProductId));
    }

    [Fact]
    public async Task A_row_counts_its_variants_and_gives_the_cheapest_price_the_stock_available_and_the_lowest_variants_stock()
    {
        var row = (await ListedAsync()).BySku.Items[0];
        Assert.Equal((2, 300.00m, 15, 3), (row.Variants, row.PriceEtb, row.Available, row.LowestAvailable));
    }
}
