using System.Globalization;
using System.Net;
using System.Text;
using AddisPay.Market;

namespace AddisPay.Payments.Domain;

/// <summary>A credit note as data: the receipt it corrects, what went back (VAT-exclusive lines and shipping), the VAT and the total, in ETB.</summary>
public sealed record CreditNoteView(string Number, string ReceiptNumber, Guid OrderId, string OrderNumber, DateTimeOffset IssuedAt, string CustomerName,
    string CustomerEmail, string Reason, string Gateway, string PaymentReference, IReadOnlyList<CreditNoteLineView> Lines, decimal ShippingEtb, decimal NetEtb,
    decimal VatRate, decimal VatEtb, decimal TotalEtb, string Currency)
{
    internal static CreditNoteView From(CreditNote n) => new(n.Number, n.ReceiptNumber, n.OrderId, n.OrderNumber, n.IssuedAt, n.Payer.FullName, n.Payer.Email,
        n.Reason, n.Gateway, n.Reference, n.Lines.Select(l => new CreditNoteLineView(l.Sku, l.Description, l.DescriptionAm, l.Quantity, l.NetEtb)).ToList(),
        n.ShippingEtb, n.NetEtb, Vat.Rate, n.VatEtb, n.TotalEtb, "ETB");
}

public sealed record CreditNoteLineView(string Sku, string Description, string DescriptionAm, int Quantity, decimal NetEtb);

/// <summary>The printable credit note, English and Amharic: the API's page and the shop front's print (Contracts) are the same page.</summary>
internal static class CreditNotePage
{
    private const string Css = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto}table{width:100%;border-collapse:collapse}td,th{padding:.3rem;border-bottom:1px solid #ddd;text-align:left}.n{text-align:right}";

    internal static string Render(CreditNote n)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        static string M(decimal d) => Etb.Digits(d);
        var rows = new StringBuilder();
        foreach (var l in n.Lines)
            rows.Append($"<tr><td>{E(l.Sku)}</td><td>{E(l.Description)}<br><span lang=\"am\">{E(l.DescriptionAm)}</span></td><td class=n>{l.Quantity}</td><td class=n>{M(l.NetEtb)}</td></tr>");
        var issued = n.IssuedAt.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var lines = n.Lines.Count == 0 ? "" : $"""
            <table><thead><tr><th>SKU</th><th>Item / ዕቃ</th><th class=n>Qty / ብዛት</th><th class=n>Amount (ETB)</th></tr></thead>
            <tbody>{rows}</tbody></table>
            """;
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Credit note {E(n.Number)}</title>
            <style>{Css}</style>
            </head><body>
            <h1>Credit note / የተመላሽ ማስታወሻ {E(n.Number)}</h1>
            <p>AddisPay, Addis Ababa, Ethiopia</p>
            <p>Corrects receipt / የሚያስተካክለው ደረሰኝ: {E(n.ReceiptNumber)}<br>Order / ትዕዛዝ: {E(n.OrderNumber)}<br>Issued / የተሰጠበት ቀን: {issued} (EAT)<br>
            Customer / ደንበኛ: {E(n.Payer.FullName)} &lt;{E(n.Payer.Email)}&gt;<br>Refunded with / ተመላሽ የተደረገበት: {E(n.Gateway)} ({E(n.Reference)})<br>
            Reason / ምክንያት: {E(n.Reason)}</p>
            {lines}
            <table>
            <tr><td>Shipping / ማጓጓዣ</td><td class=n>{M(n.ShippingEtb)}</td></tr>
            <tr><td>Net refunded / ተመላሽ (ያለ ተ.እ.ታ)</td><td class=n>{M(n.NetEtb)}</td></tr>
            <tr><td>VAT {Vat.Rate * 100:0}% / ተ.እ.ታ</td><td class=n>{M(n.VatEtb)}</td></tr>
            <tr><th>Total refunded / ጠቅላላ ተመላሽ (ETB)</th><th class=n>{M(n.TotalEtb)}</th></tr>
            </table>
            </body></html>
            """;
    }
}
