using AddisPay.Products.Data;
using AddisPay.Products.ReturnSoldUnitsHandler;
using AddisPay.Products.SweepExpiredReservations;
using AddisPay.Products.Domain;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Products.CatalogueRows;

namespace AddisPay.IntegrationTests.Products;

/// <summary><see cref="StockSql"/> against the mapping of <see cref="ProductsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class StockSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_stock_change_made_by_the_ledger_statement_reads_back_through_the_context_with_its_movement()
    {
        var product = NewProduct(NewVariant(onHand: 10, reserved: 1));
        var sku = product.Variants[0].Sku;
        await platform.SaveAsync<ProductsDbContext>(product);
        var reservation = Guid.NewGuid();

        var changed = await platform.InWorkAsync<ProductsDbContext, (Guid ProductId, int OnHand, int Reserved)?>(work =>
            StockSql.ChangeAsync(work, new StockMovement
            {
                Sku = sku, OnHandDelta = 5, ReservedDelta = 2, Reason = "reserved", Note = null, Actor = "checkout", ReservationId = reservation, At = At,
                RequestKey = "staff:form-key-1"
            }, CancellationToken.None));

        Assert.Equal((product.Id, 15, 3), changed);
        var (variant, movement) = await platform.WithContextAsync<ProductsDbContext, (AddisPay.Products.Domain.Variant, StockMovement)>(async db =>
            (await db.Variants.AsNoTracking().SingleAsync(v => v.Sku == sku), await db.StockMovements.AsNoTracking().SingleAsync(m => m.Sku == sku)));
        Assert.Equal((15, 3), (variant.OnHand, variant.Reserved));
        Assert.Equal(variant.Id, movement.VariantId);
        Assert.Equal((5, 2, "reserved", "checkout"), (movement.OnHandDelta, movement.ReservedDelta, movement.Reason, movement.Actor));
        Assert.Null(movement.Note);
        Assert.Equal(reservation, movement.ReservationId);
        Assert.Equal(At, movement.At);
        Assert.Equal(TimeSpan.Zero, movement.At.Offset);
        Assert.Equal("staff:form-key-1", movement.RequestKey);
    }
}
