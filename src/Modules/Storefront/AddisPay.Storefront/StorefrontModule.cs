using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AddisPay.Shared.Modules;
using AddisPay.Shared.Pages;
using AddisPay.Storefront.Components;
using AddisPay.Storefront.Contracts;
using AddisPay.Storefront.Shopping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AddisPay.Storefront;

/// <summary>
/// Storefront: the shop's pages at the site root, server-rendered (static SSR, enhanced navigation, no WebAssembly, no
/// circuits), in English and Amharic, working without JavaScript. It owns no data: the catalogue, search and carts come
/// from their modules' Contracts (in process, or over HTTP when they run in other pods).
/// </summary>
public sealed class StorefrontModule : IModule, IServesPages
{
    public string Name => ModuleNames.Storefront;
    public Assembly Contracts => typeof(StorefrontAddresses).Assembly;

    public void Register(ModuleRegistration module)
    {
        module.Services.AddRazorComponents();
        module.Services.AddScoped<ShopLanguage>();
        module.Services.AddScoped<VisitorCart>();
        module.Services.AddScoped<Shopper>();
        module.Services.AddShopperSessions(module.Environment, module.ConnectionString);
        module.MigrateWithSql(PageKeyRings.Ddl);
        module.Services.AddScoped<CatalogueCache>();
        // The shop's own cache, bounded: its keys come from addresses visitors choose (a category page's filters), so an
        // unbounded one would grow with whatever a crawler asks for. Every entry counts 1 (a kept page is ~4 KB, a listing
        // or review list less): at most ~40 MB, far more than the hot pages of a shop.
        module.Services.AddKeyedSingleton<IMemoryCache>(CatalogueCache.Key, (_, _) => new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = 10_000,
            ExpirationScanFrequency = TimeSpan.FromSeconds(10)
        }));
        // Pages carry Amharic as UTF-8 characters, not as a &#x...; reference per character (the default encoder's
        // output, about four times the bytes of every Ethiopic letter). Markup characters (<, >, &, quotes) are
        // still escaped. The JSON API is untouched: System.Text.Json escapes with its own JavaScriptEncoder.
        module.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        // The Host runs from its build output in tests and from `dotnet run`: outside Development nothing else maps the
        // static web assets (blazor.web.js, this module's CSS) of a build output. A published app has none to map and
        // serves them from its wwwroot instead.
        if (module.Environment is IWebHostEnvironment web && !web.IsDevelopment())
            StaticWebAssetsLoader.UseStaticWebAssets(web, module.Configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder api) { }

    public void MapPages(WebApplication app)
    {
        // Unknown pages get the friendly page; /api and the platform's own paths keep their problem details (the
        // platform's status code pages, further out, still answer for them).
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            if (!ShopPaths.IsPage(http.Request.Path) && http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return next(http);
        });
        // Pages see the shopper's session (the API keeps its bearer tokens; a cookie never authenticates an API call).
        app.UsePagesOnce();
        app.UseVisitorPageCache();
        app.MapStaticAssetsOnce();
        // Every page states its access: [Authorize(Policy = ShopperSessions.Policy)] on a page, open to all otherwise.
        app.MapRazorComponents<App>().Add(page =>
        {
            if (!page.Metadata.OfType<IAuthorizeData>().Any()) page.Metadata.Add(new AllowAnonymousAttribute());
        });
        app.MapLanguageSwitch();
        app.MapAccountDataExport();
        app.MapCreditNotePrint();
        app.MapCatalogueEndpoints();
    }
}
