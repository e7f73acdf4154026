using System.Text;
using AddisPay.Payments.Contracts;
using AddisPay.Shared.Http;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AddisPay.Storefront.Shopping;

internal static class CreditNotePrint
{
    /// <summary>
    /// GET /account/credit-notes/{number}: the printable credit note, the very page Payments' API serves (English and Amharic),
    /// reached with the shop's session instead of a bearer token. Only the session's own notes: another's number is a 404,
    /// like one that does not exist. A GET changes nothing, so a link is enough.
    /// </summary>
    public static void MapCreditNotePrint(this IEndpointRouteBuilder app) =>
        app.MapGet(OrderPages.CreditNotes + "/{number}", async (string number, Shopper shopper, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var note = await sender.Send(new PrintCustomerCreditNote(shopper.Id!.Value, number), ct);
                if (note is null) return Results.NotFound();
                http.Response.Headers.CacheControl = "no-store";
                return Results.Text(note.Html, "text/html; charset=utf-8", Encoding.UTF8);
            })
            .RequireAuthorization(ShopperSessions.Policy)
            .WithContentSecurityPolicy(SecurityHeaders.InlineStyledPageContentSecurityPolicy)
            .ExcludeFromDescription();
}
