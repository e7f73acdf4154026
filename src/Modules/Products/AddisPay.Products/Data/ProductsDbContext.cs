using AddisPay.Products.GetProductImage;
using AddisPay.Products.GetUploadedImage;
using AddisPay.Products.RemoveProductImageHandler;
using AddisPay.Products.ReturnSoldUnitsHandler;
using AddisPay.Products.SweepExpiredReservations;
using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.Products.Data;

internal sealed class ProductsDbContext(DbContextOptions<ProductsDbContext> options) : DbContext(options)
{
    public const string Schema = "products";

    public DbSet<Product> Products => Set<Product>();
    public DbSet<Variant> Variants => Set<Variant>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<StockReservation> Reservations => Set<StockReservation>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<StockReturn> StockReturns => Set<StockReturn>();
    public DbSet<ProductRating> Ratings => Set<ProductRating>();
    public DbSet<CatalogueImportRun> CatalogueImports => Set<CatalogueImportRun>();
    public DbSet<ProductImageBlob> ImageBlobs => Set<ProductImageBlob>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.HasPostgresExtension("pg_trgm");
        b.Entity<ProductRating>(r =>
        {
            r.ToTable("ratings");
            r.HasKey(x => x.ProductId);
            r.Property(x => x.Average).HasPrecision(3, 2);
        });
        b.Entity<Category>(c =>
        {
            c.ToTable("categories");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Slug).HasMaxLength(100).IsRequired();
            c.HasIndex(x => x.Slug).IsUnique();
            c.Property(x => x.Name).HasMaxLength(100).IsRequired();
            c.Property(x => x.NameAm).HasMaxLength(100).IsRequired();
            c.HasOne<Category>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Product>(p =>
        {
            p.ToTable("products");
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.Slug).HasMaxLength(160).IsRequired();
            p.HasIndex(x => x.Slug).IsUnique();
            p.Property(x => x.Name).HasMaxLength(200).IsRequired();
            p.Property(x => x.NameAm).HasMaxLength(200).IsRequired();
            p.Property(x => x.Description).HasMaxLength(4000);
            p.Property(x => x.DescriptionAm).HasMaxLength(4000);
            p.Property(x => x.Brand).HasMaxLength(100);
            p.Property(x => x.Images).HasColumnType("text[]");
            p.Property(x => x.Attributes).HasColumnType("jsonb").HasConversion(Json.Converter, Json.Comparer);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            p.Property(x => x.Version).IsRowVersion(); // maps to PostgreSQL's xmin
            p.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.SetNull);
            p.HasMany(x => x.Variants).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
            p.HasOne(x => x.Rating).WithOne().HasForeignKey<ProductRating>(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
            p.Ignore(x => x.Available);
            p.HasIndex(x => new { x.Status, x.CreatedAt });
            p.HasIndex(x => new { x.Status, x.PublishedAt, x.Id }); // the default listing: newest published first, stable
            p.HasIndex(x => x.CategoryId);
            p.HasIndex(x => x.Brand);
            p.Property(x => x.CreationKey).HasMaxLength(100);
            // The staff's list walks these backwards on its keyset (newest first) under a status or category filter.
            p.HasIndex(x => new { x.Status, x.Id });
            p.HasIndex(x => new { x.CategoryId, x.Id });
            p.HasIndex(x => x.CreationKey).IsUnique().HasFilter("\"CreationKey\" IS NOT NULL");
            // The staff's catalogue search: part of a name in either script, at 100,000 products (pg_trgm, as Search uses).
            p.HasIndex(x => x.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_products_name_trgm");
            p.HasIndex(x => x.NameAm).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_products_name_am_trgm");
        });
        b.Entity<ProductImageBlob>(i =>
        {
            i.ToTable("image_blobs");
            i.HasKey(x => new { x.ProductId, x.Hash });
            i.Property(x => x.Hash).HasMaxLength(64).IsFixedLength();
            i.Property(x => x.ContentType).HasMaxLength(20);
            i.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Variant>(v =>
        {
            v.ToTable("variants", t =>
            {
                // Stock can never be negative nor reserved beyond what is on hand: the database refuses an oversell.
                t.HasCheckConstraint("ck_variants_price_positive", "\"PriceEtb\" > 0");
                t.HasCheckConstraint("ck_variants_on_hand_not_negative", "\"OnHand\" >= 0");
                t.HasCheckConstraint("ck_variants_reserved_within_on_hand", "\"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\"");
            });
            v.HasKey(x => x.Id);
            v.Property(x => x.Id).ValueGeneratedNever();
            v.Property(x => x.Sku).HasMaxLength(64).IsRequired();
            v.HasIndex(x => x.Sku).IsUnique();
            v.Property(x => x.Options).HasColumnType("jsonb").HasConversion(Json.Converter, Json.Comparer);
            v.Property(x => x.PriceEtb).HasPrecision(12, 2); // exact birr and santim, never floating point
            v.Property(x => x.Version).IsRowVersion();
            v.Ignore(x => x.Available);
        });
        b.Entity<StockReservation>(r =>
        {
            r.ToTable("reservations");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            r.Property(x => x.Reference).HasMaxLength(100);
            r.OwnsMany(x => x.Lines, l => l.ToJson());
            r.HasIndex(x => new { x.Status, x.ExpiresAt });
        });
        b.Entity<StockMovement>(m =>
        {
            m.ToTable("stock_movements");
            m.HasKey(x => x.Id);
            m.Property(x => x.Sku).HasMaxLength(64);
            m.Property(x => x.Reason).HasMaxLength(40);
            m.Property(x => x.Note).HasMaxLength(500);
            m.Property(x => x.Actor).HasMaxLength(100);
            m.HasIndex(x => new { x.VariantId, x.At });
            m.Property(x => x.RequestKey).HasMaxLength(140);
            m.HasIndex(x => x.RequestKey).IsUnique().HasFilter("\"RequestKey\" is not null");
        });
        b.Entity<CatalogueImportRun>(r =>
        {
            r.ToTable("catalogue_imports");
            r.HasKey(x => x.Key);
            r.Property(x => x.Key).HasMaxLength(140);
            r.Property(x => x.Report).HasColumnType("jsonb");
        });
        b.Entity<StockReturn>(r =>
        {
            r.ToTable("stock_returns");
            r.HasKey(x => new { x.ReturnId, x.Sku });
            r.Property(x => x.Sku).HasMaxLength(64);
            r.Property(x => x.Reason).HasMaxLength(40);
            r.HasIndex(x => x.ReservationId);
        });
    }
}

/// <summary>String maps (attributes, variant options) stored as jsonb.</summary>
internal static class Json
{
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<Dictionary<string, string>, string> Converter = new(
        d => System.Text.Json.JsonSerializer.Serialize(d, (System.Text.Json.JsonSerializerOptions?)null),
        s => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(s, (System.Text.Json.JsonSerializerOptions?)null) ?? new());

    public static readonly Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Dictionary<string, string>> Comparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        d => d.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
        d => new Dictionary<string, string>(d));
}

/// <summary>Lets `dotnet ef migrations add` build the model without a running host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ProductsDbContext>
{
    public ProductsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ProductsDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", ProductsDbContext.Schema))
        .Options);
}
