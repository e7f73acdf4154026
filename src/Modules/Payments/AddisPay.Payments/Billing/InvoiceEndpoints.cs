using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using AddisPay.Payments.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Payments.Billing;

internal static class InvoiceEndpoints
{
    private const string Css = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto}table{width:100%;border-collapse:collapse}td,th{padding:.3rem;border-bottom:1px solid #ddd;text-align:left}.n{text-align:right}";

    public static void MapInvoices(this IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/{orderId:guid}", async (Guid orderId, ClaimsPrincipal user, PaymentsDbContext db, CancellationToken ct) =>
            {
                var staff = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support);
                var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.OrderId == orderId, ct);
                if (invoice is null || (!staff && invoice.CustomerId != user.UserId())) throw new NotFoundException($"Order {orderId} has no receipt.");
                return Results.Text(Render(invoice), "text/html; charset=utf-8", Encoding.UTF8);
            })
            .RequireAuthorization(Policies.Customer)
            .WithContentSecurityPolicy(SecurityHeaders.InlineStyledPageContentSecurityPolicy)
            .WithName("GetInvoice")
            .WithSummary("The receipt of a paid order (HTML, printable), English and Amharic, with 15% VAT broken out.")
            .Produces<string>(contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static string Render(Invoice i)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        static string M(decimal d) => d.ToString("N2", CultureInfo.InvariantCulture);
        var rows = new StringBuilder();
        foreach (var l in i.Bill.Lines)
            rows.Append($"<tr><td>{E(l.Sku)}</td><td>{E(l.Description)}</td><td class=n>{l.Quantity}</td><td class=n>{M(l.UnitPriceEtb)}</td><td class=n>{M(l.LineTotalEtb)}</td></tr>");
        var issued = i.IssuedAt.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Receipt {E(i.Number)}</title>
            <style>{Css}</style>
            </head><body>
            <h1>Receipt / ደረሰኝ {E(i.Number)}</h1>
            <p>AddisPay, Addis Ababa, Ethiopia</p>
            <p>Order / ትዕዛዝ: {E(i.OrderNumber)}<br>Issued / የተሰጠበት ቀን: {issued} (EAT)<br>Customer / ደንበኛ: {E(i.Payer.FullName)} &lt;{E(i.Payer.Email)}&gt;<br>
            Paid with / የተከፈለበት: {E(i.Gateway)} ({E(i.Reference)})</p>
            <table><thead><tr><th>SKU</th><th>Item / ዕቃ</th><th class=n>Qty / ብዛት</th><th class=n>Unit price (ETB)</th><th class=n>Amount (ETB)</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <table>
            <tr><td>Subtotal / ንዑስ ድምር</td><td class=n>{M(i.Bill.SubtotalEtb)}</td></tr>
            <tr><td>Discount / ቅናሽ</td><td class=n>-{M(i.Bill.DiscountEtb)}</td></tr>
            <tr><td>Shipping / ማጓጓዣ</td><td class=n>{M(i.Bill.ShippingEtb)}</td></tr>
            <tr><td>VAT {Ethiopian.VatRate * 100:0}% / ተ.እ.ታ</td><td class=n>{M(i.Bill.VatEtb)}</td></tr>
            <tr><th>Total / ጠቅላላ (ETB)</th><th class=n>{M(i.Bill.TotalEtb)}</th></tr>
            </table>
            </body></html>
            """;
    }
}
