using AddisPay.Notifications.NotifyWatchers;
using AddisPay.Notifications.OrderUpdates;
using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.Notifications.Data;

internal sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public const string Schema = "notifications";

    public DbSet<Message> Messages => Set<Message>();
    public DbSet<ProductWatch> Watches => Set<ProductWatch>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<KnownOrder> Orders => Set<KnownOrder>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();
    public DbSet<CampaignUnsubscribe> CampaignUnsubscribes => Set<CampaignUnsubscribe>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<Message>(m =>
        {
            m.ToTable("messages");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedNever();
            m.Property(x => x.Channel).HasMaxLength(8).IsRequired();
            m.Property(x => x.Recipient).HasMaxLength(254).IsRequired();
            m.Property(x => x.Template).HasMaxLength(40).IsRequired();
            m.Property(x => x.Language).HasMaxLength(2).IsRequired();
            m.Property(x => x.Status).HasMaxLength(8).IsRequired();
            m.Property(x => x.Subject).HasMaxLength(300);
            m.Property(x => x.LastError).HasMaxLength(2000);
            m.Property(x => x.ProviderMessageId).HasMaxLength(200);
            // One message per source (event or campaign), channel and recipient: a redelivered event adds nothing.
            m.HasIndex(x => new { x.SourceId, x.Channel, x.Recipient }).IsUnique();
            // The delivery rounds' lease: due messages in the order they fell due, read straight off this index however
            // many have been sent before or are waiting (an index on (Status, NextAttemptAt) made a backlog of thousands
            // be sorted per lease). Every message is written three times (queued, leased, sent), each time into every
            // index, so the log has no index on Status for all rows: the admin's list of failed messages uses this one,
            // the list of dead messages the one below, which a message enters only when it dies.
            m.HasIndex(x => x.NextAttemptAt, "ix_messages_due").HasFilter("\"Status\" in ('queued', 'failed')");
            m.HasIndex(x => x.CreatedAt, "ix_messages_dead").HasFilter("\"Status\" = 'dead'");
            m.HasIndex(x => x.UserId);
        });
        b.Entity<ProductWatch>(w =>
        {
            w.ToTable("watches");
            w.HasKey(x => new { x.UserId, x.ProductId });
            w.Property(x => x.Sku).HasMaxLength(64);
            w.Property(x => x.ProductName).HasMaxLength(200);
            w.Property(x => x.ProductNameAm).HasMaxLength(200);
            w.HasIndex(x => x.ProductId);
        });
        b.Entity<Campaign>(c =>
        {
            c.ToTable("campaigns");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Subject).HasMaxLength(200).IsRequired();
            c.Property(x => x.SubjectAm).HasMaxLength(200).IsRequired();
            c.Property(x => x.Body).HasMaxLength(10000).IsRequired();
            c.Property(x => x.BodyAm).HasMaxLength(10000).IsRequired();
            c.Property(x => x.CategorySlug).HasMaxLength(100);
            c.Property(x => x.Status).HasMaxLength(12).IsRequired();
            c.Property(x => x.CreatedBy).HasMaxLength(100);
            c.Property(x => x.RequestKey).HasMaxLength(100);
            c.Property(x => x.Version).IsRowVersion(); // PostgreSQL's xmin
            c.HasIndex(x => x.Status);
            c.HasIndex(x => x.RequestKey).IsUnique();
            c.HasIndex(x => x.CreatedAt);
        });
        b.Entity<CampaignUnsubscribe>(u =>
        {
            u.ToTable("campaign_unsubscribes");
            u.HasKey(x => new { x.CampaignId, x.UserId });
        });
        b.Entity<KnownOrder>(o =>
        {
            o.ToTable("orders");
            o.HasKey(x => x.OrderId);
            o.Property(x => x.OrderId).ValueGeneratedNever();
            o.Property(x => x.OrderNumber).HasMaxLength(40).IsRequired();
        });
        b.Entity<Purchase>(p =>
        {
            p.ToTable("purchases");
            p.HasKey(x => new { x.OrderId, x.ProductId });
            p.HasIndex(x => new { x.UserId, x.ProductId });
        });
        b.Entity<ProductCategory>(p =>
        {
            p.ToTable("product_categories");
            p.HasKey(x => x.ProductId);
            p.Property(x => x.ProductId).ValueGeneratedNever();
            p.Property(x => x.CategorySlugs).HasColumnType("text[]");
            p.HasIndex(x => x.CategorySlugs).HasMethod("gin");
        });
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a running host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<NotificationsDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", NotificationsDbContext.Schema))
        .Options);
}
