using AddisPay.Market;
using AddisPay.Payments.Contracts;
using AddisPay.Payments.Gateways;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AddisPay.Payments.StartPayment;

/// <summary>
/// Opens a payment attempt for an order at a gateway and returns its hosted checkout. One open attempt per
/// order and gateway (a unique index), so a repeated or concurrent start returns the same attempt; an
/// attempt past its lifetime is abandoned and a fresh one started. Once its row is written, an attempt is opened at the
/// gateway to the end even if whoever asked stops waiting (a customer's cut-off request, a caller's attempt timeout), and a
/// start that finds it still opening is told to retry in a moment (409 with Retry-After) rather than replacing it.
/// </summary>
internal sealed class StartPaymentHandler(PaymentsDbContext db, GatewayDirectory gateways, StorefrontReturn storefront, IOptions<PaymentsOptions> options,
    TimeProvider clock)
    : ICommandHandler<Contracts.StartPayment, PaymentSession>
{
    // Asked on every payment start: compiled once rather than built and looked up in EF Core's query cache per call.
    private static readonly Func<PaymentsDbContext, Guid, string, IAsyncEnumerable<Payment>> AttemptsOf = EF.CompileAsyncQuery(
        (PaymentsDbContext db, Guid orderId, string gateway) => db.Payments.Where(p => p.OrderId == orderId &&
            (p.Status == PaymentStatus.Succeeded || p.Gateway == gateway && p.Status == PaymentStatus.Pending)));

    /// <summary>
    /// How long an attempt without its checkout link counts as still being opened by another start; after it, the start that
    /// wrote it is taken to have died (a crashed pod) and the attempt is replaced. Also how long an opening may take once its
    /// row is written: well beyond the pod-to-pod calls' 20 s in all, so a caller's retries find the attempt opened.
    /// </summary>
    internal static readonly TimeSpan OpeningAllowance = TimeSpan.FromSeconds(60);

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
        if (open is not null && open.CreatedAt + options.Value.AttemptLifetime > now && open.AmountEtb == command.Bill.TotalEtb)
        {
            if (open.CheckoutUrl is not null) return open.ToSession();
            // Replacing it here was how a slow Payments never finished one: each retry failed the attempt the last one was opening.
            if (open.CreatedAt + OpeningAllowance > now) throw StillOpening(command.OrderNumber);
        }
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
            // Its checkout link comes once the gateway has answered the winner; an empty link would send the customer nowhere.
            return winner.CheckoutUrl is not null ? winner.ToSession() : throw StillOpening(command.OrderNumber);
        }

        // The attempt is claimed: from here its opening no longer follows the caller's token (a cancelled request would leave
        // an attempt without a link, which the next start could only replace), only its own allowance.
        using var opening = new CancellationTokenSource(OpeningAllowance);
        ct = opening.Token;
        try
        {
            // The sandbox writes its charge and the attempt's address in one statement: the attempt is complete as it stands,
            // and nothing of it is left to save (one update fewer per sandbox checkout, docs/benchmarks.md).
            if (await gateway.StartLinkedCheckoutAsync(payment, ct) is { } linked)
            {
                db.Entry(payment).State = EntityState.Detached;
                payment.CheckoutUrl = linked;
                return payment.ToSession();
            }
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

    private static ConflictException StillOpening(string orderNumber) =>
        new($"The payment of order {orderNumber} is still being opened at the gateway; retry in a moment.")
        {
            Reason = Refusal.Of("payment.opening", ("order", orderNumber)), RetryAfter = TimeSpan.FromSeconds(1)
        };
}
