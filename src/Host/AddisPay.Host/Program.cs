using AddisPay.BackOffice;
using AddisPay.Cart;
using AddisPay.Development;
using AddisPay.Orders;
using AddisPay.Payments;
using AddisPay.Notifications;
using AddisPay.Products;
using AddisPay.Reviews;
using AddisPay.Recommendations;
using AddisPay.Search;
using AddisPay.Shared;
using AddisPay.Shared.Messaging;
using AddisPay.Shared.Modules;
using AddisPay.Storefront;
using AddisPay.Users;
using Mediator;

// An explicit class rather than top-level statements: ArchUnitNET skips the compiler-generated <Main>$,
// and the rule that the Host only registers modules must see this code to be able to fail.
public sealed class Program
{
    private Program() { }

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Run from anywhere (a container, a test, `dotnet path/AddisPay.Host.dll`) and still find appsettings.json.
            ContentRootPath = File.Exists("appsettings.json") ? Directory.GetCurrentDirectory() : AppContext.BaseDirectory
        });

        // Development with no database configured: a private PostgreSQL, stopped when the process ends. Never elsewhere.
        using var localDatabase = LocalDatabase.StartIfUnconfigured(builder);
        try
        {
            builder.AddAddisPay(
                new UsersModule(),
                new ProductsModule(),
                new CartModule(),
                new SearchModule(),
                new OrdersModule(),
                new PaymentsModule(),
                new ReviewsModule(),
                new RecommendationsModule(),
                new NotificationsModule(),
                new StorefrontModule(),
                new BackOfficeModule());
        }
        catch (StartupRefusedException refused)
        {
            Console.Error.WriteLine(refused.Message);
            return StartupRefusedException.ExitCode;
        }

        // The source generator wires every module's handlers; requests owned by a module that runs in
        // another pod are then rerouted to it over HTTP.
        builder.Services.AddMediator((MediatorOptions o) => o.ServiceLifetime = ServiceLifetime.Scoped);
        builder.Services.RouteRequestsToOwningModules();

        var app = builder.Build();
        app.UseAddisPay();
        return await app.RunAddisPayAsync(args);
    }
}
