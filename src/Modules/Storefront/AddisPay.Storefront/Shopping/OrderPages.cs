namespace AddisPay.Storefront.Shopping;

/// <summary>Where checkout and the customer's orders live.</summary>
internal static class OrderPages
{
    public const string Checkout = "/checkout";
    public const string Orders = "/account/orders";
    public const string CreditNotes = "/account/credit-notes";

    public static string Order(string number) => Orders + "/" + Uri.EscapeDataString(number);

    /// <summary>The printable credit note (CreditNotePrint).</summary>
    public static string CreditNote(string number) => CreditNotes + "/" + Uri.EscapeDataString(number);

    /// <summary>The order's page saying the customer's return request is made.</summary>
    public static string ReturnRequested(string number) => Order(number) + "?return=1#order-returns";

    /// <summary>The order's page saying the order is placed but its payment could not be started.</summary>
    public static string Unpaid(string number) => Order(number) + "?unpaid=1";

    /// <summary>Where a gateway sends the customer back (a path: Payments resolves it against the storefront's origin).</summary>
    public static string PaymentReturn(string number) => "/checkout/return/" + Uri.EscapeDataString(number);
}
