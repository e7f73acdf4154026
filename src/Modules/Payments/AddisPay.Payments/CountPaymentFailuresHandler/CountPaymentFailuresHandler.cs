using AddisPay.Payments.Contracts;

namespace AddisPay.Payments.CountPaymentFailuresHandler;

/// <summary>Failed attempts by when they were started: a day's failures are the day's checkouts that did not go through.</summary>
internal sealed class CountPaymentFailuresHandler(PaymentsDbContext db) : IQueryHandler<CountPaymentFailures, int>
{
    public async ValueTask<int> Handle(CountPaymentFailures query, CancellationToken ct)
    {
        // Npgsql writes timestamptz parameters in UTC only; a caller may send any offset.
        var (from, to) = (query.From.ToUniversalTime(), query.To.ToUniversalTime());
        return await db.Payments.AsNoTracking().CountAsync(p => p.Status == PaymentStatus.Failed && p.CreatedAt >= from && p.CreatedAt < to, ct);
    }
}
