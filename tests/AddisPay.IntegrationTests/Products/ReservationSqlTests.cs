using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using AddisPay.Products.ReturnSoldUnitsHandler;
using AddisPay.Products.SweepExpiredReservations;
using AddisPay.Products.Domain;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Products.CatalogueRows;

namespace AddisPay.IntegrationTests.Products;

/// <summary><see cref="ReservationSql"/> against the mapping of <see cref="ProductsDbContext"/> (status as text, lines as JSON).</summary>
[Collection(SqlFamilies.Collection)]
public sealed class ReservationSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_hold_inserted_by_its_statement_reads_back_through_the_context()
    {
        var hold = NewReservation(ReservationStatus.Active, reference: null);

        await platform.InWorkAsync<ProductsDbContext>(work =>
        {
            work.Defer(ReservationSql.Hold(hold));
            return Task.CompletedTask;
        });

        var saved = await ReadBackAsync(hold.Id);
        AssertSame(hold, saved);
        Assert.Null(saved.SettledAt);
    }

    [Fact]
    public async Task A_hold_saved_through_the_context_is_read_and_settled_by_the_settle_statement()
    {
        var hold = NewReservation(ReservationStatus.Active, reference: "order:settle");
        await platform.SaveAsync<ProductsDbContext>(hold);
        var settledAt = At.AddMinutes(5);

        var settled = await platform.InWorkAsync<ProductsDbContext, (StockReservation AsItWas, bool Changed)?>(work =>
            ReservationSql.SettleAsync(work, hold.Id, ReservationStatus.Active, ReservationStatus.Committed, settledAt, CancellationToken.None));

        Assert.NotNull(settled);
        Assert.True(settled.Value.Changed);
        AssertSame(hold, settled.Value.AsItWas, withCreatedAt: false);
        var saved = await ReadBackAsync(hold.Id);
        Assert.Equal(ReservationStatus.Committed, saved.Status);
        Assert.Equal(settledAt, saved.SettledAt);
    }

    [Fact]
    public async Task A_sale_saved_through_the_context_reads_back_the_same_through_the_lock()
    {
        var sale = NewReservation(ReservationStatus.Committed, reference: "order:lock");
        await platform.SaveAsync<ProductsDbContext>(sale);

        var locked = await platform.InWorkAsync<ProductsDbContext, StockReservation?>(work => ReservationSql.LockAsync(work, sale.Id, CancellationToken.None));

        Assert.NotNull(locked);
        AssertSame(sale, locked, withCreatedAt: false);
    }

    [Fact]
    public async Task A_return_recorded_by_its_statement_reads_back_through_the_context_once()
    {
        var (returnId, sale) = (Guid.NewGuid(), Guid.NewGuid());
        var (first, second) = (NewSku(), NewSku());

        var recorded = await platform.InWorkAsync<ProductsDbContext, bool>(work =>
            ReservationSql.RecordReturnAsync(work, returnId, sale, "returned", At, [(first, 2), (second, 1)], CancellationToken.None));
        var again = await platform.InWorkAsync<ProductsDbContext, bool>(work =>
            ReservationSql.RecordReturnAsync(work, returnId, sale, "returned", At, [(first, 2), (second, 1)], CancellationToken.None));

        Assert.True(recorded);
        Assert.False(again);
        var rows = await platform.WithContextAsync<ProductsDbContext, List<StockReturn>>(db =>
            db.StockReturns.AsNoTracking().Where(r => r.ReturnId == returnId).OrderBy(r => r.Quantity).ToListAsync());
        Assert.Equal([(second, 1), (first, 2)], rows.Select(r => (r.Sku, r.Quantity)));
        Assert.All(rows, r => Assert.Equal((sale, "returned", At), (r.ReservationId, r.Reason, r.At)));
    }

    private static StockReservation NewReservation(ReservationStatus status, string? reference) => new()
    {
        Id = Guid.NewGuid(), Status = status, Reference = reference, CreatedAt = At, ExpiresAt = At.AddMinutes(30),
        Lines = [new ReservedLine { Sku = NewSku(), Quantity = 2 }, new ReservedLine { Sku = NewSku(), Quantity = 1 }]
    };

    private Task<StockReservation> ReadBackAsync(Guid id) =>
        platform.WithContextAsync<ProductsDbContext, StockReservation>(db => db.Reservations.AsNoTracking().SingleAsync(r => r.Id == id));

    private static void AssertSame(StockReservation expected, StockReservation actual, bool withCreatedAt = true)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Reference, actual.Reference);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
        if (withCreatedAt) Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.Lines.Select(l => (l.Sku, l.Quantity)), actual.Lines.Select(l => (l.Sku, l.Quantity)));
    }
}
