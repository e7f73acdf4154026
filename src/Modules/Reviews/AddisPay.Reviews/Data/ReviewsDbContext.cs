using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.Reviews.Data;

internal sealed class ReviewsDbContext(DbContextOptions<ReviewsDbContext> options) : DbContext(options)
{
    public const string Schema = "reviews";

    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<HelpfulVote> HelpfulVotes => Set<HelpfulVote>();
    public DbSet<ReviewReport> Reports => Set<ReviewReport>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<ProductRating> ProductRatings => Set<ProductRating>();
    public DbSet<ArchivedProduct> ArchivedProducts => Set<ArchivedProduct>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<Review>(r =>
        {
            r.ToTable("reviews", t =>
            {
                t.HasCheckConstraint("ck_reviews_rating", "\"Rating\" BETWEEN 1 AND 5");
                t.HasCheckConstraint("ck_reviews_counts", "\"HelpfulCount\" >= 0 AND \"OpenReports\" >= 0");
            });
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Title).HasMaxLength(Limits.Title).IsRequired();
            r.Property(x => x.Text).HasMaxLength(Limits.Text).IsRequired();
            r.Property(x => x.Language).HasMaxLength(2).IsRequired();
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            r.Property(x => x.ModeratedBy).HasMaxLength(100);
            r.Property(x => x.HiddenReason).HasMaxLength(300);
            r.HasIndex(x => new { x.ProductId, x.AuthorId }).IsUnique(); // one review per customer per product
            r.HasIndex(x => new { x.ProductId, x.Status, x.CreatedAt }); // the public listing, newest first
            r.HasIndex(x => x.AuthorId);
            r.HasIndex(x => new { x.Status, x.UpdatedAt }); // the moderation queue
        });
        b.Entity<HelpfulVote>(v =>
        {
            v.ToTable("helpful_votes");
            v.HasKey(x => new { x.ReviewId, x.VoterId });
            v.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
            v.HasIndex(x => x.VoterId);
        });
        b.Entity<ReviewReport>(r =>
        {
            r.ToTable("reports");
            r.HasKey(x => new { x.ReviewId, x.ReporterId }); // one report per shopper per review
            r.Property(x => x.Reason).HasMaxLength(20).IsRequired();
            r.Property(x => x.Note).HasMaxLength(Limits.ReportNote);
            r.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
            r.HasIndex(x => x.ReporterId);
        });
        b.Entity<Purchase>(p =>
        {
            p.ToTable("purchases");
            // One row per paid order and product: a full refund of one order takes back only what that order covered.
            p.HasKey(x => new { x.CustomerId, x.ProductId, x.OrderId });
            p.HasIndex(x => new { x.CustomerId, x.OrderId });
        });
        b.Entity<ArchivedProduct>(p =>
        {
            p.ToTable("archived_products");
            p.HasKey(x => x.ProductId);
            p.Property(x => x.ProductId).ValueGeneratedNever();
        });
        b.Entity<ProductRating>(p =>
        {
            p.ToTable("product_ratings");
            p.HasKey(x => x.ProductId);
            p.Property(x => x.ProductId).ValueGeneratedNever();
            p.Property(x => x.Average).HasPrecision(3, 2);
        });
    }
}

internal static class Limits
{
    public const int Title = 120;
    public const int Text = 4000;
    public const int ReportNote = 500;
}

/// <summary>Lets `dotnet ef migrations add` build the model without a running host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ReviewsDbContext>
{
    public ReviewsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ReviewsDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", ReviewsDbContext.Schema))
        .Options);
}
