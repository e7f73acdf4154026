namespace AddisPay.BackOffice.Components.Pages.Stock;

/// <summary>Where the stock pages are.</summary>
internal static class StockPages
{
    public static string Sku(string sku) => "/admin/inventory/" + Uri.EscapeDataString(sku);
}
