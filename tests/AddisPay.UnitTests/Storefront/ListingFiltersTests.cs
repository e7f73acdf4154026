using AddisPay.Search.Contracts;
using AddisPay.Storefront.Shopping;

namespace AddisPay.UnitTests.Storefront;

/// <summary>A category listing's address: what it asks Search for, and the pager's links keeping the filters.</summary>
public sealed class ListingFiltersTests
{
    [Fact]
    public void A_listing_address_becomes_a_search_and_its_pages_keep_the_filters()
    {
        var f = ListingFilters.From("Tomoca", "500-1000", "in", "4", "price-desc", 2);
        var q = f.Query("coffee-beans");
        Assert.Equal(new SearchProducts(null, "coffee-beans", "Tomoca", 500m, 1000m, true, 4m, SearchSort.PriceDesc, 2, ListingFilters.PageSize), q);
        Assert.Equal("/c/coffee-beans?brand=Tomoca&price=500-1000&stock=in&rating=4&sort=price-desc&page=3", f.Href("/c/coffee-beans", 3));
        Assert.Equal("/c/x?brand=Mama%27s%20Kitchen", ListingFilters.From("Mama's Kitchen", null, null, null, null, null).Href("/c/x", 1));
    }

    [Fact]
    public void Values_that_mean_nothing_are_dropped_not_refused()
    {
        var f = ListingFilters.From("", "1-2", "yes", "5", "cheapest", 9999);
        Assert.Equal(new ListingFilters(null, null, false, null, "featured", 500), f);
        Assert.Null(ListingFilters.From(null, "5000+", null, null, null, null).MaxPriceEtb);
        Assert.Equal(5000m, ListingFilters.From(null, "5000+", null, null, null, null).MinPriceEtb);
    }
}
