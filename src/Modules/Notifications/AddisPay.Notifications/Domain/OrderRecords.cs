namespace AddisPay.Notifications.Domain;

/// <summary>An order's number, remembered from OrderPlaced so later messages (a failed payment) can name it.</summary>
internal sealed class KnownOrder
{
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public Guid CustomerId { get; set; }
}

/// <summary>A product a customer paid for, from OrderPaid: the "bought from this category" campaign audience.</summary>
internal sealed class Purchase
{
    public Guid OrderId { get; set; }
    public Guid ProductId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset PaidAt { get; set; }
}
