namespace AddisPay.Products.Domain;

/// <summary>
/// The rating Reviews last published for a product, shown on its page. Kept in a row of its own so a new
/// review never changes the product's row version (an admin's ETag stays valid).
/// </summary>
internal sealed class ProductRating
{
    public Guid ProductId { get; set; }
    public decimal? Average { get; set; }
    public int Count { get; set; }
}
