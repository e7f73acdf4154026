using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using AddisPay.Market;
using Microsoft.AspNetCore.Http.Headers;

namespace AddisPay.Payments.ShowInvoice;

/// <summary>A receipt as data, for a client that asks for JSON: what the printable page shows, amounts in ETB.</summary>
public sealed record ReceiptView(string Number, Guid OrderId, string OrderNumber, DateTimeOffset IssuedAt, string CustomerName, string CustomerEmail,
    string Gateway, string PaymentReference, IReadOnlyList<ReceiptLine> Lines, decimal SubtotalEtb, decimal DiscountEtb, decimal ShippingEtb, decimal VatRate,
    decimal VatEtb, decimal TotalEtb, string Currency)
{
    internal static ReceiptView From(Invoice i) => new(i.Number, i.OrderId, i.OrderNumber, i.IssuedAt, i.Payer.FullName, i.Payer.Email, i.Gateway,
        i.Reference, i.Bill.Lines.Select(l => new ReceiptLine(l.Sku, l.Description, l.Quantity, l.UnitPriceEtb, l.LineTotalEtb)).ToList(),
        i.Bill.SubtotalEtb, i.Bill.DiscountEtb, i.Bill.ShippingEtb, Vat.Rate, i.Bill.VatEtb, i.Bill.TotalEtb, "ETB");
}

public sealed record ReceiptLine(string Sku, string Description, int Quantity, decimal UnitPriceEtb, decimal LineTotalEtb);

/// <summary>The receipt of an order, for its customer (or staff, <paramref name="Staff"/>); another customer's answers like a missing one.</summary>
internal sealed record ShowInvoiceQuery(Guid OrderId, bool Staff, Guid? UserId) : IQuery<Invoice>;

internal sealed class ShowInvoiceHandler(PaymentsDbContext db) : IQueryHandler<ShowInvoiceQuery, Invoice>
{
    public async ValueTask<Invoice> Handle(ShowInvoiceQuery query, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.OrderId == query.OrderId, ct);
        if (invoice is null || (!query.Staff && invoice.CustomerId != query.UserId)) throw new NotFoundException($"Order {query.OrderId} has no receipt.");
        return invoice;
    }
}

internal static class InvoiceEndpoints
{
    private const string Css = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto}table{width:100%;border-collapse:collapse}td,th{padding:.3rem;border-bottom:1px solid #ddd;text-align:left}.n{text-align:right}";

    public static void MapInvoices(this IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/{orderId:guid}", async (Guid orderId, HttpContext http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var staff = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support);
                var invoice = await sender.Send(new ShowInvoiceQuery(orderId, staff, user.UserId()), ct);
                // One address, two representations: caches must keep them apart.
                http.Response.Headers.Vary = "Accept";
                return WantsJson(http.Request)
                    ? Results.Json(ReceiptView.From(invoice))
                    : Results.Text(Render(invoice), "text/html; charset=utf-8", Encoding.UTF8);
            })
            .RequireAuthorization(Policies.Customer)
            .WithContentSecurityPolicy(SecurityHeaders.InlineStyledPageContentSecurityPolicy)
            .WithName("GetInvoice")
            .WithSummary("The receipt of a paid order, English and Amharic, with 15% VAT broken out: JSON when the Accept header asks for " +
                "application/json (before text/html), printable HTML otherwise.")
            .Produces<ReceiptView>(contentType: "application/json")
            .Produces<string>(contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// JSON when the client ranks application/json (or a +json type) above text/html; a browser's Accept, which puts
    /// text/html first and leaves JSON to */*, gets the printable page.
    /// </summary>
    internal static bool WantsJson(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        if (accepted.Count == 0) return false;
        double Quality(Func<string, bool> matches) => accepted
            .Where(a => a.MediaType.HasValue && matches(a.MediaType.Value!))
            .Select(a => a.Quality ?? 1d).DefaultIfEmpty(0d).Max();
        var json = Quality(t => t.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && t.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var html = Quality(t => t.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        return json > 0 && json >= html;
    }

    internal static string Render(Invoice i)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        static string M(decimal d) => Etb.Digits(d);
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
            <tr><td>VAT {Vat.Rate * 100:0}% / ተ.እ.ታ</td><td class=n>{M(i.Bill.VatEtb)}</td></tr>
            <tr><th>Total / ጠቅላላ (ETB)</th><th class=n>{M(i.Bill.TotalEtb)}</th></tr>
            </table>
            </body></html>
            """;
    }
}
