using AddisPay.Payments.Data;
using AddisPay.Payments.Domain;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Payments;

/// <summary><see cref="UnverifiedWebhookSql"/> against the mapping of <see cref="PaymentsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class UnverifiedWebhookSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task Calls_counted_by_the_upsert_read_back_through_the_context_as_one_row_per_gateway_and_hour()
    {
        var gateway = "sql-" + Guid.NewGuid().ToString("N")[..12];
        var hour = new DateTimeOffset(SqlFamilies.Now.UtcTicks - SqlFamilies.Now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero); // purged only after the retention

        for (var i = 0; i < 3; i++)
            await platform.WithContextAsync<PaymentsDbContext, bool>(async db => { await UnverifiedWebhookSql.CountAsync(db, gateway, hour, CancellationToken.None); return true; });

        var counts = await platform.WithContextAsync<PaymentsDbContext, List<UnverifiedWebhookCount>>(db =>
            db.UnverifiedWebhooks.AsNoTracking().Where(w => w.Gateway == gateway).ToListAsync());
        var count = Assert.Single(counts);
        Assert.Equal((hour, 3L), (count.Hour, count.Calls));
    }
}
