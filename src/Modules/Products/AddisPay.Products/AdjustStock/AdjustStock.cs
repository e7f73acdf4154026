using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Products.GetStock;

namespace AddisPay.Products.AdjustStock;

public sealed record AdjustStockRequest(
    [property: Range(-1_000_000, 1_000_000)] int Delta,
    [property: Required, RegularExpression("^(restock|count_correction|damaged|returned|lost)$", ErrorMessage = "Use restock, count_correction, damaged, returned or lost.")] string Reason,
    [property: StringLength(500)] string? Note = null);

internal sealed record AdjustStockCommand(string Sku, AdjustStockRequest Request, string Actor) : ICommand<StockView>;

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

internal static class AdjustStockEndpoint
{
    public static void MapAdjustStock(this IEndpointRouteBuilder api) =>
        api.MapGroup("/inventory").RequireAuthorization(Policies.Admin)
            .MapPost("/{sku}/adjustments", async (string sku, AdjustStockRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new AdjustStockCommand(sku, request, user.FindFirst("sub")?.Value ?? "admin"), ct)))
            .Validate<AdjustStockRequest>().WithName("AdjustStock")
            .WithSummary("Restocks or corrects a SKU's stock with a reason, kept in the audit trail (admin).")
            .Produces<StockView>().ProducesProblem(StatusCodes.Status409Conflict);
}
