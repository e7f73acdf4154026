using System.Text;
using AddisPay.BackOffice.Audit;
using AddisPay.BackOffice.Staff;
using AddisPay.Shared.Contracts;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AddisPay.BackOffice.Components.Pages.People;

/// <summary>
/// A customer's personal-data export as a download (a page cannot answer with a file): Users' own export, the one a
/// customer downloads from their account, for staff answering a data request. Audited, since it hands over everything.
/// </summary>
internal static class CustomerExport
{
    public static void MapCustomerExport(this IEndpointRouteBuilder app) =>
        app.MapPost("/admin/customers/{userId:guid}/export", async (Guid userId, HttpContext http, IAntiforgery antiforgery, StaffMember staff, ISender sender, CancellationToken ct) =>
            {
                // No form field is bound here, so nothing else would check the token: a page of another site cannot start a download.
                if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
                var staffId = staff.Require(StaffAction.ExportCustomer);
                var customer = await sender.Send(new GetCustomer(userId), ct);
                if (customer is null) return Results.NotFound();
                // On record before the data is read: a download that fails or is cut off still shows who asked for it.
                var export = await sender.SendAuditedAsync(
                    new StaffActionRecord(staffId, staff.Email, "customer.exported", "customer:" + customer.Email, Guid.NewGuid().ToString("N"), new { customer.Email }),
                    () => sender.Send(new ExportShopperData(userId), ct),
                    e => new AuditedOutcome(new { Bytes = Encoding.UTF8.GetByteCount(e.Json) }));
                return Results.File(Encoding.UTF8.GetBytes(export.Json), "application/json", $"addispay-customer-{userId:N}.json");
            })
            .RequireAuthorization(StaffSessions.Staff)
            .DisableAntiforgery()
            .ExcludeFromDescription();
}
