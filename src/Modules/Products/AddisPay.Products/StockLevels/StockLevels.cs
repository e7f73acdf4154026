using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using AddisPay.Products.Domain;

namespace AddisPay.Products.StockLevels;

public sealed record AdjustStockRequest(
    [property: Range(-1_000_000, 1_000_000)] int Delta,
    [property: Required, RegularExpression("^(restock|count_correction|damaged|returned|lost)$", ErrorMessage = "Use restock, count_correction, damaged, returned or lost.")] string Reason,
    [property: StringLength(500)] string? Note = null);

public sealed record MovementView(int OnHandDelta, int ReservedDelta, string Reason, string? Note, string Actor, Guid? ReservationId, DateTimeOffset At);
public sealed record StockView(string Sku, Guid ProductId, int OnHand, int Reserved, int Available, IReadOnlyList<MovementView> Movements);

internal sealed record AdjustStockCommand(string Sku, AdjustStockRequest Request, string Actor) : ICommand<StockView>;
internal sealed record GetStockQuery(string Sku) : IQuery<StockView>;

internal sealed class AdjustStockHandler(ModuleWork<ProductsDbContext> work, StockLedger ledger, ISender sender) : ICommandHandler<AdjustStockCommand, StockView>
{
    public async ValueTask<StockView> Handle(AdjustStockCommand command, CancellationToken ct)
    {
        if (command.Request.Delta == 0) throw new ValidationFailedException("delta", "An adjustment changes the stock: use a non-zero delta.");
        var sku = command.Sku.ToUpperInvariant();
        await work.BeginAsync(ct);
        var outcome = await ledger.ApplyAsync(sku, command.Request.Delta, 0, command.Request.Reason, command.Actor, null, ct, command.Request.Note);
        if (outcome == StockLedger.Outcome.UnknownSku) throw new NotFoundException($"There is no SKU {sku}.");
        if (outcome == StockLedger.Outcome.NotEnough)
            throw new ConflictException($"Stock of {sku} can't go below what is reserved for checkouts.");
        // The stock as this adjustment leaves it, read in its transaction (committed when the handler returns).
        return await sender.Send(new GetStockQuery(sku), ct);
    }
}

internal sealed class GetStockHandler(ProductsDbContext db) : IQueryHandler<GetStockQuery, StockView>
{
    public async ValueTask<StockView> Handle(GetStockQuery query, CancellationToken ct)
    {
        var sku = query.Sku.ToUpperInvariant();
        var v = await db.Variants.AsNoTracking().FirstOrDefaultAsync(x => x.Sku == sku, ct) ?? throw new NotFoundException($"There is no SKU {sku}.");
        var movements = await db.StockMovements.AsNoTracking().Where(m => m.VariantId == v.Id).OrderByDescending(m => m.Id).Take(50)
            .Select(m => new MovementView(m.OnHandDelta, m.ReservedDelta, m.Reason, m.Note, m.Actor, m.ReservationId, m.At)).ToListAsync(ct);
        return new StockView(v.Sku, v.ProductId, v.OnHand, v.Reserved, v.OnHand - v.Reserved, movements);
    }
}

internal static class StockEndpoints
{
    public static void MapStock(this IEndpointRouteBuilder api)
    {
        var stock = api.MapGroup("/inventory").RequireAuthorization(Policies.Admin);
        stock.MapGet("/{sku}", async (string sku, ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new GetStockQuery(sku), ct)))
            .WithName("GetStock").WithSummary("On hand, reserved and available stock of a SKU with its latest movements (admin).")
            .Produces<StockView>();
        stock.MapPost("/{sku}/adjustments", async (string sku, AdjustStockRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new AdjustStockCommand(sku, request, user.FindFirst("sub")?.Value ?? "admin"), ct)))
            .Validate<AdjustStockRequest>().WithName("AdjustStock")
            .WithSummary("Restocks or corrects a SKU's stock with a reason, kept in the audit trail (admin).")
            .Produces<StockView>().ProducesProblem(StatusCodes.Status409Conflict);
    }
}
