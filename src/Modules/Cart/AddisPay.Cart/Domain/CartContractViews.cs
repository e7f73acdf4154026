using AddisPay.Cart.Contracts;

namespace AddisPay.Cart.Domain;

/// <summary>A cart as other modules read it through Contracts; the shop front's requests and the order's reads share these shapes.</summary>
internal static class CartContractViews
{
    public static ShopperCart ToShopper(this CartView c) => new(c.Id,
        c.Lines.Select(l => new ShopperCartLine(l.ProductId, l.Sku, l.Name, l.NameAm, l.UnitPriceEtb, l.Quantity, l.LineTotalEtb, l.Available, l.Purchasable)).ToList(),
        c.Notices.Select(n => new ShopperCartNotice(n.ProductId, n.ProductName, n.OldPriceEtb, n.NewPriceEtb, n.Kind)).ToList(),
        c.SubtotalEtb, c.VatEtb, c.TotalEtb);

    public static CartSummary Summarise(Cart cart) =>
        new(cart.Id, cart.Lines.Select(l => new CartSummaryLine(l.ProductId, l.Sku, l.Quantity, l.UnitPriceEtb, l.Name, l.NameAm,
                !l.Discontinued && l.Available >= l.Quantity)).ToList(),
            cart.SubtotalEtb, cart.VatEtb, cart.TotalEtb, cart.OwnerId);
}
