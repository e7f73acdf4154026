using System.Security.Claims;
using System.Text;
using AddisPay.Payments.ShowInvoice;

namespace AddisPay.Payments.ShowCreditNote;

/// <summary>A credit note by its number, for its customer (or staff, <paramref name="Staff"/>).</summary>
internal sealed record ShowCreditNoteQuery(string Number, bool Staff, Guid? UserId) : IQuery<CreditNote>;

internal sealed class ShowCreditNoteHandler(PaymentsDbContext db) : IQueryHandler<ShowCreditNoteQuery, CreditNote>
{
    public async ValueTask<CreditNote> Handle(ShowCreditNoteQuery query, CancellationToken ct)
    {
        var key = query.Number.Trim().ToUpperInvariant();
        var note = key.Length > 20 ? null : await db.CreditNotes.AsNoTracking().FirstOrDefaultAsync(n => n.Number == key, ct);
        // Another customer's note is answered like one that does not exist.
        if (note is null || (!query.Staff && note.CustomerId != query.UserId)) throw new NotFoundException($"There is no credit note {query.Number}.");
        return note;
    }
}

internal static class ShowCreditNoteEndpoint
{
    public static void MapShowCreditNote(this IEndpointRouteBuilder api) =>
        api.MapGet("/credit-notes/{number}", async ([System.ComponentModel.Description("A credit note's number, CN-yyyy-nnnnnn.")] string number, HttpContext http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var staff = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support);
                var note = await sender.Send(new ShowCreditNoteQuery(number, staff, user.UserId()), ct);
                http.Response.Headers.Vary = "Accept";
                return InvoiceEndpoints.WantsJson(http.Request)
                    ? Results.Json(CreditNoteView.From(note))
                    : Results.Text(CreditNotePage.Render(note), "text/html; charset=utf-8", Encoding.UTF8);
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
}
