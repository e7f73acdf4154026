using System.Security.Claims;
using AddisPay.Payments.Contracts;

namespace AddisPay.Payments.PaymentHistory;

public sealed record PaymentView(Guid Id, Guid OrderId, string OrderNumber, string Gateway, string Reference, decimal AmountEtb, string Currency, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? FailureReason, decimal RefundedEtb, IReadOnlyList<PaymentRefundView> Refunds);

public sealed record PaymentRefundView(Guid Id, decimal AmountEtb, string Reason, string Status, DateTimeOffset CreatedAt, string? FailureReason);

/// <summary>Every payment attempt of an order and its refunds, for its customer (or staff, <paramref name="Staff"/>).</summary>
internal sealed record PaymentsOfOrderQuery(Guid OrderId, bool Staff, Guid? UserId) : IQuery<IReadOnlyList<PaymentView>>;

internal sealed class PaymentsOfOrderHandler(PaymentsDbContext db) : IQueryHandler<PaymentsOfOrderQuery, IReadOnlyList<PaymentView>>
{
    public async ValueTask<IReadOnlyList<PaymentView>> Handle(PaymentsOfOrderQuery query, CancellationToken ct)
    {
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == query.OrderId).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        // Another customer's order looks exactly like one without payments.
        if (payments.Count == 0 || (!query.Staff && payments[0].CustomerId != query.UserId)) throw new NotFoundException($"Order {query.OrderId} has no payments.");
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.OrderId == query.OrderId).ToListAsync(ct);
        return payments.Select(p => new PaymentView(p.Id, p.OrderId, p.OrderNumber, p.Gateway, p.Reference, p.AmountEtb, p.Currency,
            p.Status.ToString().ToLowerInvariant(), p.CreatedAt, p.CompletedAt, p.FailureReason, p.RefundedEtb,
            refunds.Where(r => r.PaymentId == p.Id).Select(r => new PaymentRefundView(r.Id, r.AmountEtb, r.Reason, r.Status.ToString().ToLowerInvariant(),
                r.CreatedAt, r.FailureReason)).ToList())).ToList();
    }
}

internal static class PaymentHistoryEndpoints
{
    public static void MapPaymentHistory(this IEndpointRouteBuilder api)
    {
        api.MapGet("/orders/{orderId:guid}", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var staff = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support);
                return Results.Ok(await sender.Send(new PaymentsOfOrderQuery(orderId, staff, user.UserId()), ct));
            })
            .RequireAuthorization(Policies.Customer)
            .WithName("PaymentsOfOrder")
            .WithSummary("Every payment attempt of an order and its refunds.")
            .Produces<List<PaymentView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
