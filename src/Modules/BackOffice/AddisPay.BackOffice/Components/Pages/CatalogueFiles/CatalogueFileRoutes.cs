using AddisPay.BackOffice.Audit;
using AddisPay.BackOffice.Staff;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Pages;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.BackOffice.Components.Pages.CatalogueFiles;

/// <summary>
/// The catalogue's downloads for admins: the import templates and the export, streamed a page of products at a time from
/// Products (in process or over HTTP), so a large catalogue never sits whole in memory.
/// </summary>
internal static class CatalogueFileRoutes
{
    /// <summary>The largest file the import page takes.</summary>
    public const int MaxUploadBytes = 1_000_000;

    private const int ExportPage = 200;

    /// <summary>By the file's extension; a file named neither way is JSON when it starts as an array.</summary>
    public static string FormatOf(string fileName, string content) =>
        fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? CatalogueFormats.Json
        : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? CatalogueFormats.Csv
        : content.TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith('[') ? CatalogueFormats.Json : CatalogueFormats.Csv;

    public static void MapCatalogueFiles(this WebApplication app)
    {
        var files = app.MapGroup("/admin/catalogue").RequireAuthorization(StaffSessions.Admin).ExcludeFromDescription();

        files.MapGet("/template.{format:regex(^(csv|json)$)}", async (string format, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            Download(http, format, "addispay-catalogue-template");
            await http.Response.WriteAsync(await sender.Send(new GetCatalogueTemplate(format), ct), ct);
        });

        files.MapGet("/export.{format:regex(^(csv|json)$)}", async (string format, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var staff = http.RequestServices.GetRequiredService<StaffMember>();
            var staffId = staff.Require(StaffAction.ExportCatalogue);
            // On record before the first row goes out: an export cut off half way still shows who asked for it.
            var key = Guid.NewGuid().ToString("N");
            await sender.Send(new BeginStaffAction(staffId, staff.Email, "catalogue.exported", "catalogue", key, new { Format = format }), ct);
            Download(http, format, "addispay-catalogue-" + AddisDay.DateOf(DateTimeOffset.UtcNow));
            var products = 0;
            Guid? after = null;
            var first = true;
            if (format == CatalogueFormats.Json) await http.Response.WriteAsync("[\n", ct);
            do
            {
                var page = await sender.Send(new ExportCataloguePage(format, after, ExportPage), ct);
                if (page.Text.Length > 0)
                {
                    if (format == CatalogueFormats.Json && !first) await http.Response.WriteAsync(",\n", ct);
                    await http.Response.WriteAsync(page.Text, ct);
                    first = false;
                }
                products += page.Products;
                after = page.Next;
            } while (after is not null);
            if (format == CatalogueFormats.Json) await http.Response.WriteAsync("\n]\n", ct);
            await sender.Send(new RecordStaffAction(staffId, staff.Email, "catalogue.exported", "catalogue", null, new { Format = format, Products = products }, key), ct);
        });
    }

    private static void Download(HttpContext http, string format, string name)
    {
        http.Response.ContentType = format == CatalogueFormats.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.{format}\"";
        http.Response.Headers.CacheControl = "no-store";
    }
}
