using System.Text.Json.Serialization;
using AddisPay.Market;

namespace AddisPay.Cart.Domain;

/// <summary>
/// A shopper's cart, stored as one Marten document. Its id is the cart token the storefront keeps:
/// an anonymous visitor proves ownership by holding it.
/// </summary>
public sealed class Cart
{
    public Guid Id { get; set; }

    /// <summary>The signed-in owner; null while the cart belongs to an anonymous visitor.</summary>
    public Guid? OwnerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// When the customer last changed the cart. Unlike <see cref="UpdatedAt"/>, price and stock events do
    /// not move it: a cart nobody touches expires even while the catalogue keeps changing under it.
    /// </summary>
    public DateTimeOffset LastActiveAt { get; set; }
    public List<CartLine> Lines { get; set; } = [];

    /// <summary>
    /// The products in the cart, kept in an indexed column of their own (`product_ids`, not in the document): how the carts
    /// holding a product are found when its price or stock changes.
    /// </summary>
    [JsonIgnore]
    public Guid[] ProductIds => Lines.Select(l => l.ProductId).Distinct().ToArray();

    /// <summary>Price and availability changes the customer has not yet seen.</summary>
    public List<CartNotice> Notices { get; set; } = [];

    public decimal SubtotalEtb => Lines.Sum(l => l.UnitPriceEtb * l.Quantity);
    public decimal VatEtb => Vat.On(SubtotalEtb);
    public decimal TotalEtb => SubtotalEtb + VatEtb;

    public static Cart Start(Guid? ownerId = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new Cart { Id = Guid.NewGuid(), OwnerId = ownerId, CreatedAt = now, UpdatedAt = now, LastActiveAt = now };
    }

    public CartLine? LineFor(string sku) => Lines.FirstOrDefault(l => l.Sku == sku);

    public void Add(Guid productId, string sku, string name, string nameAm, decimal unitPriceEtb, int quantity, int available)
    {
        var line = Lines.FirstOrDefault(l => l.ProductId == productId && l.Sku == sku);
        if (line is null)
        {
            line = new CartLine { ProductId = productId, Sku = sku };
            Lines.Add(line);
        }
        line.Name = name;
        line.NameAm = nameAm;
        line.UnitPriceEtb = unitPriceEtb;
        line.Available = available;
        line.Quantity += quantity;
        Touch();
    }

    /// <summary>Sets the quantity of a line the customer checked against current stock; 0 removes the line.</summary>
    public void SetQuantity(CartLine line, int quantity, int available)
    {
        if (quantity == 0)
        {
            Remove(line);
            return;
        }
        line.Quantity = quantity;
        line.Available = available;
        Touch();
    }

    public void Remove(CartLine line)
    {
        Lines.Remove(line);
        DropNoticesOfRemovedProducts();
        Touch();
    }

    public void Clear()
    {
        Lines.Clear();
        Notices.Clear();
        Touch();
    }

    /// <summary>
    /// Marks the notices as seen. Given the event ids the customer was shown, only those go, so a notice
    /// that arrived after the page was drawn is not dismissed unseen; with none given, all go.
    /// </summary>
    public void DismissNotices(IReadOnlyCollection<Guid>? eventIds)
    {
        if (eventIds is { Count: > 0 }) Notices.RemoveAll(n => eventIds.Contains(n.EventId));
        else Notices.Clear();
        Touch();
    }

    /// <summary>
    /// Takes out what an order bought: each line loses the ordered quantity (never below zero), so units
    /// added after the order was placed stay in the cart. True if anything changed.
    /// </summary>
    public bool TakeOrdered(IEnumerable<(Guid ProductId, string Sku, int Quantity)> ordered)
    {
        var changed = false;
        foreach (var (productId, sku, quantity) in ordered)
        {
            var line = Lines.FirstOrDefault(l => l.ProductId == productId && l.Sku == sku);
            if (line is null || quantity <= 0) continue;
            line.Quantity -= Math.Min(quantity, line.Quantity);
            if (line.Quantity == 0) Lines.Remove(line);
            changed = true;
        }
        if (!changed) return false;
        DropNoticesOfRemovedProducts();
        UpdatedAt = DateTimeOffset.UtcNow;
        return true;
    }

    /// <summary>A signed-in user takes over the visitor's cart as it is.</summary>
    public void ClaimFor(Guid userId)
    {
        OwnerId = userId;
        Touch();
    }

    private void Touch() => UpdatedAt = LastActiveAt = DateTimeOffset.UtcNow;

    // A notice about a product the cart no longer holds would explain nothing the customer can see.
    private void DropNoticesOfRemovedProducts() => Notices.RemoveAll(n => Lines.All(l => l.ProductId != n.ProductId));

    /// <summary>
    /// Whether <paramref name="userId"/> (null when anonymous) may use this cart: anyone holding an anonymous
    /// cart's id may, but an owned cart answers only to its owner.
    /// </summary>
    public bool IsAccessibleTo(Guid? userId) => OwnerId is null || OwnerId == userId;

    /// <summary>Takes in the lines of the cart a visitor filled before signing in; quantities add up.</summary>
    public void Absorb(Cart visitorCart)
    {
        foreach (var line in visitorCart.Lines)
        {
            var mine = Lines.FirstOrDefault(l => l.ProductId == line.ProductId && l.Sku == line.Sku);
            if (mine is null) Lines.Add(line);
            // Capped at the stock, but never to nothing: a sold-out line stays visible as unavailable, not as a line of zero
            // units that the cart shows as purchasable and a checkout after restocking would order empty.
            else mine.Quantity = Math.Max(1, Math.Min(mine.Quantity + line.Quantity, Math.Max(mine.Available, line.Available)));
        }
        Notices.AddRange(visitorCart.Notices);
        Touch();
    }

    /// <summary>
    /// Takes a variant's new availability; when fewer units are left than the cart holds, the customer is told.
    /// False if the cart has no such line.
    /// </summary>
    public bool UpdateAvailability(Guid eventId, Guid productId, string sku, int available, DateTimeOffset at)
    {
        var line = Lines.FirstOrDefault(l => l.ProductId == productId && l.Sku == sku);
        if (line is null || line.Available == available) return false;
        var wasEnough = line.Available >= line.Quantity;
        line.Available = available;
        if (wasEnough && available < line.Quantity)
            Notices.Add(new CartNotice(eventId, productId, line.Name, line.UnitPriceEtb, line.UnitPriceEtb, at, CartNotice.LowAvailability));
        UpdatedAt = DateTimeOffset.UtcNow;
        return true;
    }

    /// <summary>The product is no longer sold: its lines stay visible, marked, so the customer sees why.</summary>
    public bool Discontinue(Guid eventId, Guid productId, DateTimeOffset at)
    {
        var lines = Lines.Where(l => l.ProductId == productId && !l.Discontinued).ToList();
        foreach (var line in lines)
        {
            line.Discontinued = true;
            line.Available = 0;
            Notices.Add(new CartNotice(eventId, productId, line.Name, line.UnitPriceEtb, line.UnitPriceEtb, at, CartNotice.Discontinued));
        }
        if (lines.Count > 0) UpdatedAt = DateTimeOffset.UtcNow;
        return lines.Count > 0;
    }

    /// <summary>Reprices the line of that variant and leaves a notice; false if the cart has no such line.</summary>
    public bool Reprice(Guid eventId, Guid productId, string sku, decimal oldPriceEtb, decimal newPriceEtb, DateTimeOffset at)
    {
        var line = Lines.FirstOrDefault(l => l.ProductId == productId && (sku.Length == 0 || l.Sku == sku));
        if (line is null) return false;
        Notices.Add(new CartNotice(eventId, productId, line.Name, line.UnitPriceEtb, newPriceEtb, at));
        line.UnitPriceEtb = newPriceEtb;
        UpdatedAt = DateTimeOffset.UtcNow;
        return true;
    }
}

public sealed class CartLine
{
    public Guid ProductId { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameAm { get; set; } = "";
    public decimal UnitPriceEtb { get; set; }
    public int Quantity { get; set; }
    public int Available { get; set; }
    public bool Discontinued { get; set; }
}

/// <param name="EventId">The price-change event that caused the notice.</param>
/// <param name="Kind">price_changed, low_availability (fewer left than in the cart) or discontinued.</param>
public sealed record CartNotice(Guid EventId, Guid ProductId, string ProductName, decimal OldPriceEtb, decimal NewPriceEtb, DateTimeOffset At,
    string Kind = CartNotice.PriceChanged)
{
    public const string PriceChanged = "price_changed";
    public const string LowAvailability = "low_availability";
    public const string Discontinued = "discontinued";
}

public sealed record CartView(Guid Id, Guid? OwnerId, IReadOnlyList<CartLineView> Lines, IReadOnlyList<CartNotice> Notices,
    decimal SubtotalEtb, decimal VatRate, decimal VatEtb, decimal TotalEtb, string Currency, DateTimeOffset UpdatedAt)
{
    public static CartView From(Cart c) => new(c.Id, c.OwnerId,
        c.Lines.Select(l => new CartLineView(l.ProductId, l.Sku, l.Name, l.NameAm, l.UnitPriceEtb, l.Quantity, l.UnitPriceEtb * l.Quantity, l.Available,
            !l.Discontinued && l.Available >= l.Quantity)).ToList(),
        c.Notices, c.SubtotalEtb, Vat.Rate, c.VatEtb, c.TotalEtb, "ETB", c.UpdatedAt);
}

/// <param name="Purchasable">Still sold and enough in stock for the quantity in the cart.</param>
public sealed record CartLineView(Guid ProductId, string Sku, string Name, string NameAm, decimal UnitPriceEtb, int Quantity, decimal LineTotalEtb, int Available,
    bool Purchasable = true);
