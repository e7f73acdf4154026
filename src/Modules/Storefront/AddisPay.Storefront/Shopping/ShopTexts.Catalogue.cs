namespace AddisPay.Storefront.Shopping;

internal static partial class ShopTexts
{
    /// <summary>Product pages, listings, reviews and recommendations.</summary>
    private static Dictionary<string, (string En, string Am)> Catalogue() => new()
    {
    };
}
