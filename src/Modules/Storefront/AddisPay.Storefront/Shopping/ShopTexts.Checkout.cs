namespace AddisPay.Storefront.Shopping;

internal static partial class ShopTexts
{
    /// <summary>Checkout, payment return and orders.</summary>
    private static Dictionary<string, (string En, string Am)> Checkout() => new()
    {
    };
}
