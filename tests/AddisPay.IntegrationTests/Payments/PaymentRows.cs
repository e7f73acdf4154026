using AddisPay.Payments.Contracts;
using AddisPay.Payments.Data;
using AddisPay.Payments.Domain;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>Payments as the SQL families' read-back tests save them through the context: fresh ids and references.</summary>
internal static class PaymentRows
{
        public static readonly DateTimeOffset At = SqlFamilies.Now;

    public static Payment NewPayment() => new()
    {
        Id = Guid.NewGuid(), OrderId = Guid.NewGuid(), OrderNumber = "AP" + Random.Shared.Next(100_000, 999_999), CustomerId = Guid.NewGuid(),
        Gateway = "sandbox", Reference = "SQL-" + Guid.NewGuid().ToString("N"), AmountEtb = 1208.65m, Status = PaymentStatus.Succeeded,
        CheckoutUrl = "http://127.0.0.1/pay", ReturnUrl = null, CreatedAt = At, CompletedAt = At.AddMinutes(2),
        Bill = new Bill([new BillLine("SQL-SKU-1", "Coffee ቡና", 2, 450.50m, 901.00m)], 901.00m, 0m, 150m, 157.65m, 1208.65m),
        Payer = new PayerDetails("abebe@example.com", "Abebe Bikila", null, "am")
    };

    /// <summary>A bill's values (its lines are a list, which record equality compares by reference).</summary>
    public static object Values(Bill bill) => (string.Join(";", bill.Lines), bill.SubtotalEtb, bill.DiscountEtb, bill.ShippingEtb, bill.VatEtb, bill.TotalEtb);
}
