using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.Search.Index;

/// <summary>
/// Search's read model: PostgreSQL full text (English stemming for English text, the `simple` configuration
/// for Amharic so Ge'ez words are kept whole) plus pg_trgm for misspellings and prefixes.
/// </summary>
internal sealed class SearchDbContext(DbContextOptions<SearchDbContext> options) : DbContext(options)
{
    public const string Schema = "search";

    public DbSet<SearchDocument> Documents => Set<SearchDocument>();
    public DbSet<ProductRating> Ratings => Set<ProductRating>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.HasPostgresExtension("pg_trgm");
        b.Entity<SearchDocument>(d =>
        {
            d.ToTable("documents");
            d.HasKey(x => x.ProductId);
            d.Property(x => x.ProductId).ValueGeneratedNever();
            d.Property(x => x.CategorySlugs).HasColumnType("text[]");
            d.Property(x => x.Variants).HasColumnType("jsonb");
            d.Property(x => x.PriceMin).HasPrecision(12, 2);
            d.Property(x => x.PriceMax).HasPrecision(12, 2);
            d.Property(x => x.Rating).HasPrecision(3, 2);
            d.Property(x => x.SearchVector).HasComputedColumnSql("""
                setweight(to_tsvector('english', coalesce("Name", '')), 'A') ||
                setweight(to_tsvector('simple', coalesce("NameAm", '')), 'A') ||
                setweight(to_tsvector('simple', coalesce("Brand", '')), 'B') ||
                setweight(to_tsvector('english', coalesce("CategoryName", '')), 'C') ||
                setweight(to_tsvector('simple', coalesce("CategoryNameAm", '')), 'C') ||
                setweight(to_tsvector('english', coalesce("Description", '')), 'D') ||
                setweight(to_tsvector('simple', coalesce("DescriptionAm", '')), 'D')
                """, stored: true);
            d.Property(x => x.SearchText).HasComputedColumnSql("""lower(coalesce("Name", '') || ' ' || coalesce("NameAm", '') || ' ' || coalesce("Brand", ''))""", stored: true);
            d.HasIndex(x => x.SearchVector).HasMethod("gin");
            d.HasIndex(x => x.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
            d.HasIndex(x => x.CategorySlugs).HasMethod("gin");
            d.HasIndex(x => x.PriceMin);
            d.HasIndex(x => x.PublishedAt);
            d.HasIndex(x => x.Brand);
            d.HasIndex(x => x.Rating); // the rating filter and sort
        });
        b.Entity<ProductRating>(r =>
        {
            r.ToTable("ratings");
            r.HasKey(x => x.ProductId);
            r.Property(x => x.ProductId).ValueGeneratedNever();
            r.Property(x => x.Rating).HasPrecision(3, 2);
        });
    }
}

internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SearchDbContext>
{
    public SearchDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SearchDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", SearchDbContext.Schema))
        .Options);
}
