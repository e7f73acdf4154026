namespace AddisPay.Storefront.Shopping;

internal static partial class ShopTexts
{
    /// <summary>Signing in, registering and the account pages.</summary>
    private static Dictionary<string, (string En, string Am)> Account() => new()
    {
    };
}
