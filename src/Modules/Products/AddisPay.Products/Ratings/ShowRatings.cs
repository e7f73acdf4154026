using AddisPay.Reviews.Contracts;
using AddisPay.Shared.Events;
using Npgsql;

namespace AddisPay.Products.Ratings;

/// <summary>Keeps the latest rating summary of each product (Reviews sends the whole summary each time, in order per product).</summary>
internal sealed class ShowRatings(ModuleWork<AddisPay.Products.Data.ProductsDbContext> work) : IIntegrationEventHandler<ProductRatingChanged>
{
    public async Task HandleAsync(ProductRatingChanged e, IntegrationEventContext context, CancellationToken ct)
    {
        await using var cmd = work.Command("""
            insert into products.ratings ("ProductId", "Average", "Count")
            select @id, @average, @count where exists (select 1 from products.products where "Id" = @id)
            on conflict ("ProductId") do update set "Average" = excluded."Average", "Count" = excluded."Count"
            """);
        cmd.Parameters.AddWithValue("id", e.ProductId);
        cmd.Parameters.AddWithValue("average", (object?)e.Average ?? DBNull.Value);
        cmd.Parameters.AddWithValue("count", e.Count);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
