using System.Text;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AddisPay.Storefront.Shopping;

internal static class AccountDataExport
{
    /// <summary>
    /// GET /account/privacy/my-data.json: everything the platform holds about the signed-in shopper, as a file to keep. Only ever the
    /// session's own account; a visitor is sent to sign in. A GET changes nothing, so a link is enough.
    /// </summary>
    public static void MapAccountDataExport(this IEndpointRouteBuilder app) =>
        app.MapGet(AccountAddresses.DataExport, async (Shopper shopper, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var export = await sender.Send(new ExportShopperData(shopper.Id!.Value), ct);
                http.Response.Headers.CacheControl = "no-store";
                return Results.File(Encoding.UTF8.GetBytes(export.Json), "application/json; charset=utf-8", "addispay-my-data.json");
            })
            .RequireAuthorization(ShopperSessions.Policy)
            .ExcludeFromDescription();
}
