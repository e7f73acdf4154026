using AddisPay.Orders.Contracts;
using AddisPay.Products.Contracts;
using Microsoft.Extensions.Logging;

namespace AddisPay.Orders.BookReturnedGoods;

/// <summary>
/// Returned goods go to Products' books: restocked units back on the shelf (ledger reason returned), written-off units
/// recorded (written_off) without coming back. Keyed by the return (restock) and its refund (write-off), so a redelivered
/// event records nothing twice.
/// </summary>
internal sealed class BookReturnedGoods(ISender sender, ILogger<BookReturnedGoods> log) : IIntegrationEventHandler<ReturnReceived>
{
    public async Task HandleAsync(ReturnReceived e, IntegrationEventContext context, CancellationToken ct)
    {
        foreach (var (returnId, outcome, reason) in new[] { (e.ReturnId, ReturnOutcomes.Restock, ReturnSoldUnits.Returned), (e.RefundId, ReturnOutcomes.WriteOff, ReturnSoldUnits.WrittenOff) })
        {
            var lines = e.Lines.Where(l => l.Outcome == outcome).Select(l => new StockLine(l.Sku, l.Quantity)).ToList();
            if (lines.Count == 0) continue;
            try
            {
                await sender.Send(new ReturnSoldUnits(returnId, e.OrderId, lines, reason, $"Order {e.OrderNumber}: returned after delivery"), ct);
            }
            catch (BusinessRuleException ex) when (ex is ConflictException or NotFoundException)
            {
                // The sale is not in Products' books as sold (an order from before reservations, or settled some other way):
                // retrying can't change that, and the refund stands on its own.
                log.LogWarning(ex, "The returned units of order {Order} could not be booked ({Reason})", e.OrderNumber, reason);
            }
        }
    }
}
