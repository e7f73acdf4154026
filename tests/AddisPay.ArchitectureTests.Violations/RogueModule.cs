using AddisPay.Products;
using AddisPay.Products.Domain;

namespace AddisPay.Rogue
{
    /// <summary>A "module" that reaches into Products' implementation instead of its Contracts.</summary>
    public sealed class RogueCheckout
    {
        public decimal PriceOf(ProductView product) => product.PriceEtb;
    }
}

namespace AddisPay.Rogue.Saving
{
    /// <summary>A "module" use case that holds the transaction and appends its events itself instead of through its unit of work.</summary>
    public sealed class RogueSave
    {
        public async Task SaveAsync(Microsoft.EntityFrameworkCore.DbContext db, AddisPay.Shared.Events.EventLog log, AddisPay.Shared.Contracts.IntegrationEvent[] events)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await log.PublishAsync((Npgsql.NpgsqlTransaction)Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(tx), events, default);
            await tx.CommitAsync();
        }
    }
}

namespace AddisPay.Rogue.Contracts
{
    /// <summary>A "Contracts" type that leaks infrastructure (the event log) into a module's public face.</summary>
    public sealed record RogueRequest(AddisPay.Shared.Events.EventLog Log);
}

namespace AddisPay.Shared.Rogue
{
    /// <summary>A "shared" type that knows a module.</summary>
    public sealed class RogueHelper
    {
        public string Describe(ProductsModule module) => module.Name;
    }
}

namespace AddisPay.Rogue.Endpoints
{
    using Microsoft.AspNetCore.Builder;
    using Microsoft.AspNetCore.Routing;

    /// <summary>An endpoint that queries the module's DbContext itself instead of sending a request to a handler.</summary>
    public static class RogueEndpoints
    {
        public static void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/rogue/products", (Microsoft.EntityFrameworkCore.DbContext db) => db.ContextId.ToString());
    }

    /// <summary>An endpoint as the convention wants it: it sends a request (here, a stand-in for the sender).</summary>
    public static class SendingEndpoints
    {
        public static void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/rogue/offers", (Mediator.ISender sender) => sender.GetHashCode());
    }
}

namespace AddisPay.Rogue.Gateways.Courier
{
    using Microsoft.AspNetCore.Builder;
    using Microsoft.AspNetCore.Routing;

    /// <summary>An adapter to an outside system that also serves a page: the page is a use case, the adapter only talks outward.</summary>
    public static class RogueCourierGateway
    {
        public static void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/rogue/courier/callback", () => "ok");
    }
}
