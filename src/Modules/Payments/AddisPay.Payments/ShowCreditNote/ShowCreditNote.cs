using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using AddisPay.Market;
using AddisPay.Payments.ShowInvoice;

namespace AddisPay.Payments.ShowCreditNote;

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

/// <summary>A credit note by its number, for its customer (or staff, <paramref name="Staff"/>).</summary>
internal sealed record ShowCreditNoteQuery(string Number, bool Staff, Guid? UserId) : IQuery<CreditNote>;

/// <summary>The credit notes of an order's receipt, oldest first, for its customer (or staff).</summary>
internal sealed record CreditNotesOfOrderQuery(Guid OrderId, bool Staff, Guid? UserId) : IQuery<IReadOnlyList<CreditNote>>;

internal sealed class ShowCreditNoteHandler(PaymentsDbContext db) :
    IQueryHandler<ShowCreditNoteQuery, CreditNote>, IQueryHandler<CreditNotesOfOrderQuery, IReadOnlyList<CreditNote>>
{
    public async ValueTask<CreditNote> Handle(ShowCreditNoteQuery query, CancellationToken ct)
    {
        var key = query.Number.Trim().ToUpperInvariant();
        var note = key.Length > 20 ? null : await db.CreditNotes.AsNoTracking().FirstOrDefaultAsync(n => n.Number == key, ct);
        // Another customer's note is answered like one that does not exist.
        if (note is null || (!query.Staff && note.CustomerId != query.UserId)) throw new NotFoundException($"There is no credit note {query.Number}.");
        return note;
    }

    public async ValueTask<IReadOnlyList<CreditNote>> Handle(CreditNotesOfOrderQuery query, CancellationToken ct)
    {
        var receipt = await db.Invoices.AsNoTracking().Where(i => i.OrderId == query.OrderId).Select(i => new { i.CustomerId }).FirstOrDefaultAsync(ct);
        if (receipt is null || (!query.Staff && receipt.CustomerId != query.UserId)) throw new NotFoundException($"Order {query.OrderId} has no receipt.");
        return await db.CreditNotes.AsNoTracking().Where(n => n.OrderId == query.OrderId).OrderBy(n => n.IssuedAt).ThenBy(n => n.Number).ToListAsync(ct);
    }
}

internal static class CreditNoteEndpoints
{
    private const string Css = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto}table{width:100%;border-collapse:collapse}td,th{padding:.3rem;border-bottom:1px solid #ddd;text-align:left}.n{text-align:right}";

    public static void MapCreditNotes(this IEndpointRouteBuilder api)
    {
        api.MapGet("/credit-notes/{number}", async ([System.ComponentModel.Description("A credit note's number, CN-yyyy-nnnnnn.")] string number, HttpContext http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var note = await sender.Send(new ShowCreditNoteQuery(number, IsStaff(user), user.UserId()), ct);
                http.Response.Headers.Vary = "Accept";
                return InvoiceEndpoints.WantsJson(http.Request)
                    ? Results.Json(CreditNoteView.From(note))
                    : Results.Text(Render(note), "text/html; charset=utf-8", Encoding.UTF8);
            })
            .RequireAuthorization(Policies.Customer)
            .WithContentSecurityPolicy(SecurityHeaders.InlineStyledPageContentSecurityPolicy)
            .WithName("GetCreditNote")
            .WithSummary("A credit note (CN-yyyy-nnnnnn) by its number, English and Amharic: the receipt it corrects, the units and shipping refunded " +
                "and the 15% VAT on them. JSON when the Accept header asks for application/json (before text/html), printable HTML otherwise. " +
                "The customer's own notes only (another's answers 404); staff any.")
            .Produces<CreditNoteView>(contentType: "application/json")
            .Produces<string>(contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/invoices/{orderId:guid}/credit-notes", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var notes = await sender.Send(new CreditNotesOfOrderQuery(orderId, IsStaff(user), user.UserId()), ct);
                return Results.Ok(notes.Select(CreditNoteView.From).ToList());
            })
            .RequireAuthorization(Policies.Customer)
            .WithName("CreditNotesOfOrder")
            .WithSummary("The credit notes correcting a paid order's receipt, oldest first (empty when nothing was refunded). The customer's own orders " +
                "only (another's answers 404); staff any.")
            .Produces<List<CreditNoteView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support);

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
