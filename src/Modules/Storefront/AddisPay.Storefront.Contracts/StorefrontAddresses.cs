namespace AddisPay.Storefront.Contracts;

/// <summary>
/// The storefront owns no data and answers no requests of other modules; what others may know of it is where its pages
/// are, e.g. for links in e-mails (a product's page, the cart).
/// </summary>
public static class StorefrontAddresses
{
    public const string Cart = "/cart";

    /// <summary>Where a product page's back-in-stock form posts.</summary>
    public const string WatchBackInStock = "/watch";

    /// <summary>Autocomplete for the search box: names for what was typed, as JSON (the page's script fills a datalist with them).</summary>
    public const string Suggest = "/search/suggest";

    /// <summary>The sign-in page, coming back to <paramref name="returnUrl"/> afterwards.</summary>
    public static string SignIn(string returnUrl) => "/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl);

    public static string Product(string slug) => "/p/" + Uri.EscapeDataString(slug);

    public static string Category(string slug) => "/c/" + Uri.EscapeDataString(slug);
}
