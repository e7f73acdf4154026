using System.Security.Claims;

namespace AddisPay.Payments.CreditNotesOfOrder;

/// <summary>The credit notes of an order's receipt, oldest first, for its customer (or staff).</summary>
internal sealed record CreditNotesOfOrderQuery(Guid OrderId, bool Staff, Guid? UserId) : IQuery<IReadOnlyList<CreditNote>>;

internal sealed class CreditNotesOfOrderHandler(PaymentsDbContext db) : IQueryHandler<CreditNotesOfOrderQuery, IReadOnlyList<CreditNote>>
{
    public async ValueTask<IReadOnlyList<CreditNote>> Handle(CreditNotesOfOrderQuery query, CancellationToken ct)
    {
        var receipt = await db.Invoices.AsNoTracking().Where(i => i.OrderId == query.OrderId).Select(i => new { i.CustomerId }).FirstOrDefaultAsync(ct);
        if (receipt is null || (!query.Staff && receipt.CustomerId != query.UserId)) throw new NotFoundException($"Order {query.OrderId} has no receipt.");
        return await db.CreditNotes.AsNoTracking().Where(n => n.OrderId == query.OrderId).OrderBy(n => n.IssuedAt).ThenBy(n => n.Number).ToListAsync(ct);
    }
}

internal static class CreditNotesOfOrderEndpoint
{
    public static void MapCreditNotesOfOrder(this IEndpointRouteBuilder api) =>
        api.MapGet("/invoices/{orderId:guid}/credit-notes", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var staff = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support);
                var notes = await sender.Send(new CreditNotesOfOrderQuery(orderId, staff, user.UserId()), ct);
                return Results.Ok(notes.Select(CreditNoteView.From).ToList());
            })
            .RequireAuthorization(Policies.Customer)
            .WithName("CreditNotesOfOrder")
            .WithSummary("The credit notes correcting a paid order's receipt, oldest first (empty when nothing was refunded). The customer's own orders " +
                "only (another's answers 404); staff any.")
            .Produces<List<CreditNoteView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
