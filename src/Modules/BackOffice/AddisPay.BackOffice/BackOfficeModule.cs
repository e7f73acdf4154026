using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AddisPay.BackOffice.Audit;
using AddisPay.BackOffice.Components;
using AddisPay.BackOffice.Components.Pages.CatalogueFiles;
using AddisPay.BackOffice.Components.Pages.People;
using AddisPay.BackOffice.Contracts;
using AddisPay.BackOffice.Data;
using AddisPay.BackOffice.Staff;
using AddisPay.Shared.Modules;
using AddisPay.Shared.Pages;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AddisPay.BackOffice;

/// <summary>
/// Back office: the shop's staff run orders in a browser at /admin, server-rendered like the storefront (static SSR, no
/// circuits, works without JavaScript, English and Amharic), with a staff session of its own. It owns only its audit log
/// (schema `backoffice`); orders, payments, stock and accounts are worked through their modules' Contracts.
/// </summary>
public sealed class BackOfficeModule : IModule, IServesPages
{
    public string Name => ModuleNames.BackOffice;
    public Assembly Contracts => typeof(BackOfficeAddresses).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.AddRelationalData<BackOfficeDbContext>();
        module.Services.Configure<BackOfficeOptions>(module.Configuration.GetSection("AddisPay:BackOffice"));
        module.Services.AddRazorComponents();
        module.Services.AddScoped<StaffLanguage>();
        module.Services.AddScoped<StaffMember>();
        module.Services.AddStaffSessions(module.Environment, module.ConnectionString);
        module.MigrateWithSql(PageKeyRings.Ddl);
        // Amharic as UTF-8 characters rather than a character reference each (as the storefront's pages).
        module.Services.TryAddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        // A build output (tests, `dotnet run`) maps its static web assets itself outside Development; a publish serves wwwroot.
        if (module.Environment is IWebHostEnvironment web && !web.IsDevelopment())
            StaticWebAssetsLoader.UseStaticWebAssets(web, module.Configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder api) { }

    public void MapPages(WebApplication app)
    {
        app.UsePagesOnce();
        app.MapStaticAssetsOnce();
        // Every page states its access ([Authorize(Policy = ...)] or [AllowAnonymous]); one that forgets is for admins only.
        app.MapRazorComponents<BackOfficeApp>().Add(page =>
        {
            if (!page.Metadata.OfType<IAuthorizeData>().Any() && !page.Metadata.OfType<IAllowAnonymous>().Any())
                page.Metadata.Add(new AuthorizeAttribute(StaffSessions.Admin));
        });

        app.MapCatalogueFiles();

        // The language switch of the back office's pages: the same cookie as the shop's, back to the page it was on.
        app.MapPost("/admin/language", ([FromForm] string? lang, [FromForm] string? returnUrl, HttpContext http) =>
            {
                PageLanguage.Remember(http, lang);
                var back = PageLanguage.LocalOr(returnUrl, "/admin");
                return Results.LocalRedirect(StaffSessions.IsBackOffice(new PathString(back.Split('?')[0])) ? back : "/admin");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapCustomerExport();

        // Sign-out ends the Users session too, so every replica refuses the cookie at once.
        app.MapPost("/admin/sign-out", async ([FromForm] string? returnUrl, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                await CookieSessions.EndAsync(http, StaffSessions.Scheme, sender, ct);
                return Results.LocalRedirect("/admin/signed-out");
            })
            .AllowAnonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
    }
}
