using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.Recommendations.Data;

/// <summary>
/// Owns the schema (migrations); reads and writes are SQL through <see cref="RecommendationsDatabase"/>, because
/// tracking is one upsert and the models are swapped in bulk with COPY.
/// </summary>
internal sealed class RecommendationsDbContext(DbContextOptions<RecommendationsDbContext> options) : DbContext(options)
{
    public const string Schema = "recommendations";

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<InteractionRow>(e =>
        {
            // One row per shopper, product and kind: a repeated view bumps a counter instead of growing the table.
            e.ToTable("interactions");
            e.HasKey(x => new { x.Subject, x.ProductId, x.Kind });
            e.Property(x => x.Subject).HasMaxLength(40);
            e.HasIndex(x => x.UserId);
        });
        b.Entity<ProductFactsRow>(e =>
        {
            e.ToTable("products");
            e.HasKey(x => x.ProductId);
            e.Property(x => x.ProductId).ValueGeneratedNever();
            e.Property(x => x.DepletedSkus).HasColumnType("text[]");
            e.Property(x => x.Sellable).HasComputedColumnSql("""not "Archived" and cardinality("DepletedSkus") < "SkuCount" """, stored: true);
        });
        b.Entity<ItemNeighbourRow>(e =>
        {
            e.ToTable("item_neighbours");
            e.HasKey(x => new { x.Model, x.ProductId, x.Rank });
        });
        b.Entity<UserRecommendationRow>(e =>
        {
            e.ToTable("user_recommendations");
            e.HasKey(x => new { x.UserId, x.Rank });
        });
        b.Entity<WithheldRow>(e =>
        {
            // Replaced with the model: what a shopper's personal list (and its popular top-up) must not offer.
            e.ToTable("withheld");
            e.HasKey(x => new { x.Subject, x.ProductId });
            e.Property(x => x.Subject).HasMaxLength(40);
        });
        b.Entity<PopularRow>(e =>
        {
            e.ToTable("popular");
            e.HasKey(x => new { x.Category, x.Rank });
        });
        b.Entity<ModelRunRow>(e =>
        {
            e.ToTable("model_runs");
            e.HasKey(x => x.Id);
        });
    }
}

internal sealed class InteractionRow
{
    public string Subject { get; set; } = "";
    public Guid ProductId { get; set; }
    public short Kind { get; set; }
    public Guid? UserId { get; set; }
    public int Count { get; set; }
    public DateTimeOffset FirstAt { get; set; }
    public DateTimeOffset LastAt { get; set; }
}

internal sealed class ProductFactsRow
{
    public Guid ProductId { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameAm { get; set; } = "";
    public string? Brand { get; set; }
    public string? Category { get; set; }
    public bool Archived { get; set; }
    public int SkuCount { get; set; }
    public string[] DepletedSkus { get; set; } = [];
    public bool Sellable { get; set; }
}

internal sealed class ItemNeighbourRow
{
    public short Model { get; set; }
    public Guid ProductId { get; set; }
    public int Rank { get; set; }
    public Guid NeighbourId { get; set; }
    public double Score { get; set; }
}

internal sealed class UserRecommendationRow
{
    public Guid UserId { get; set; }
    public int Rank { get; set; }
    public Guid ProductId { get; set; }
    public double Score { get; set; }
}

internal sealed class WithheldRow
{
    public string Subject { get; set; } = "";
    public Guid ProductId { get; set; }
}

internal sealed class PopularRow
{
    public string Category { get; set; } = "";
    public int Rank { get; set; }
    public Guid ProductId { get; set; }
    public double Score { get; set; }
}

internal sealed class ModelRunRow
{
    public long Id { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public int Interactions { get; set; }
    public int Products { get; set; }
    public int Shoppers { get; set; }
    public int DurationMs { get; set; }
}

internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RecommendationsDbContext>
{
    public RecommendationsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<RecommendationsDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", RecommendationsDbContext.Schema))
        .Options);
}
