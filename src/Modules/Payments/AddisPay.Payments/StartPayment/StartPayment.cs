using AddisPay.Market;
using AddisPay.Payments.Contracts;
using AddisPay.Payments.Gateways;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AddisPay.Payments.StartPayment;

/// <summary>
/// Opens a payment attempt for an order at a gateway and returns its hosted checkout. One open attempt per
/// order and gateway (a unique index), so a repeated or concurrent start returns the same attempt; an
/// attempt past its lifetime is abandoned and a fresh one started.
/// </summary>
internal sealed class StartPaymentHandler(PaymentsDbContext db, GatewayDirectory gateways, StorefrontReturn storefront, IOptions<PaymentsOptions> options,
    TimeProvider clock)
    : ICommandHandler<Contracts.StartPayment, PaymentSession>
{
    // Asked on every payment start: compiled once rather than built and looked up in EF Core's query cache per call.
    private static readonly Func<PaymentsDbContext, Guid, string, IAsyncEnumerable<Payment>> AttemptsOf = EF.CompileAsyncQuery(
        (PaymentsDbContext db, Guid orderId, string gateway) => db.Payments.Where(p => p.OrderId == orderId &&
            (p.Status == PaymentStatus.Succeeded || p.Gateway == gateway && p.Status == PaymentStatus.Pending)));

    public async ValueTask<PaymentSession> Handle(Contracts.StartPayment command, CancellationToken ct)
    {
        var gateway = gateways.Get(command.Gateway);
        if (command.Bill.TotalEtb <= 0 || !Etb.IsToTheSantim(command.Bill.TotalEtb))
            throw new ValidationFailedException("amount", "A payment is a positive amount in ETB to the santim.");
        // Checked before anything is read or written; every gateway sends the customer back to this resolved address only.
        var returnUrl = storefront.Resolve(command.ReturnUrl);
        // One read for both questions: is the order paid already, and is there an open attempt at this gateway?
        var attempts = new List<Payment>(1);
        await foreach (var attempt in AttemptsOf(db, command.OrderId, gateway.Name).WithCancellation(ct)) attempts.Add(attempt);
        if (attempts.Any(p => p.Status == PaymentStatus.Succeeded))
            throw new ConflictException($"Order {command.OrderNumber} is already paid.")
            {
                Reason = Refusal.Of("order.already-paid", ("order", command.OrderNumber))
            };

        var now = clock.GetUtcNow();
        var open = attempts.FirstOrDefault(p => p.Status == PaymentStatus.Pending);
        if (open is not null && open.CreatedAt + options.Value.AttemptLifetime > now && open.AmountEtb == command.Bill.TotalEtb && open.CheckoutUrl is not null)
            return open.ToSession();
        if (open is not null)
        {
            open.Status = PaymentStatus.Failed;
            open.FailureReason = "Replaced by a new attempt";
            open.CompletedAt = now;
            await db.SaveChangesAsync(ct);
        }

        var payment = new Payment
        {
            Id = Guid.CreateVersion7(), OrderId = command.OrderId, OrderNumber = command.OrderNumber, CustomerId = command.CustomerId, Gateway = gateway.Name,
            Reference = gateway.NewReference(command.OrderNumber), AmountEtb = command.Bill.TotalEtb,
            Status = PaymentStatus.Pending, Bill = command.Bill, Payer = command.Payer, ReturnUrl = returnUrl, CreatedAt = now
        };
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another start for this order and gateway won the race: hand out its attempt.
            db.ChangeTracker.Clear();
            var winner = await db.Payments.AsNoTracking().FirstAsync(p => p.OrderId == command.OrderId && p.Gateway == gateway.Name && p.Status == PaymentStatus.Pending, ct);
            return winner.ToSession();
        }

        try
        {
            payment.CheckoutUrl = await gateway.StartCheckoutAsync(payment, ct);
        }
        catch (GatewayFailedException)
        {
            payment.Status = PaymentStatus.Failed;
            payment.FailureReason = "The gateway did not open a checkout";
            payment.CompletedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        await db.SaveChangesAsync(ct);
        return payment.ToSession();
    }
}
