namespace AddisPay.Storefront.Contracts;

/// <summary>
/// The storefront owns no data and answers no requests of other modules; what others may know of it is where its pages
/// are, e.g. for links in e-mails (a product's page, the cart).
/// </summary>
public static class StorefrontAddresses
{
    public const string Cart = "/cart";

    public static string Product(string slug) => "/p/" + Uri.EscapeDataString(slug);

    public static string Category(string slug) => "/c/" + Uri.EscapeDataString(slug);
}
