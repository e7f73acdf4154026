using AddisPay.Products.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.Products.Data;

internal sealed class ProductsDbContext(DbContextOptions<ProductsDbContext> options) : DbContext(options)
{
    public const string Schema = "products";

    public DbSet<Product> Products => Set<Product>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<Product>(p =>
        {
            p.ToTable("products");
            p.HasKey(x => x.Id);
            p.Property(x => x.Sku).HasMaxLength(64).IsRequired();
            p.HasIndex(x => x.Sku).IsUnique();
            p.Property(x => x.Name).HasMaxLength(200).IsRequired();
            p.Property(x => x.NameAm).HasMaxLength(200).IsRequired();
            p.Property(x => x.Description).HasMaxLength(4000);
            p.Property(x => x.PriceEtb).HasPrecision(12, 2); // exact birr and santim, never floating point
            p.Property<uint>("xmin").IsRowVersion(); // optimistic concurrency on PostgreSQL's row version
            p.Ignore(x => x.Available);
            p.HasIndex(x => x.CreatedAt);
            p.ToTable(t => t.HasCheckConstraint("ck_products_price_positive", "\"PriceEtb\" > 0"));
            p.ToTable(t => t.HasCheckConstraint("ck_products_stock_not_negative", "\"StockOnHand\" >= 0"));
        });
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a running host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ProductsDbContext>
{
    public ProductsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ProductsDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", ProductsDbContext.Schema))
        .Options);
}
