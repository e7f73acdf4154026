using AddisPay.Orders.Contracts;
using AddisPay.Orders.PlaceOrder;
using AddisPay.Shared.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.Orders.Data;

internal sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public const string Schema = "orders";

    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderRefund> Refunds => Set<OrderRefund>();
    public DbSet<ReturnRequest> Returns => Set<ReturnRequest>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<CouponRedemption> CouponRedemptions => Set<CouponRedemption>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<RequestKey> RequestKeys => Set<RequestKey>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.HasSequence<long>("order_numbers").StartsAt(1000);
        b.Entity<Order>(o =>
        {
            o.ToTable("orders");
            o.HasKey(x => x.Id);
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.Number).HasMaxLength(20);
            o.HasIndex(x => x.Number).IsUnique();
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.Currency).HasMaxLength(3);
            o.Property(x => x.CouponCode).HasMaxLength(40);
            o.Property(x => x.Gateway).HasMaxLength(20);
            o.Property(x => x.PaymentReference).HasMaxLength(100);
            o.Property(x => x.Carrier).HasMaxLength(60);
            o.Property(x => x.TrackingNumber).HasMaxLength(60);
            o.Property(x => x.CancellationReason).HasMaxLength(40);
            o.Property(x => x.StatusBeforeRefundRequest).HasConversion<string>().HasMaxLength(20);
            foreach (var money in new[] { "SubtotalEtb", "DiscountEtb", "ShippingEtb", "VatEtb", "TotalEtb", "RefundedEtb" })
                o.Property(money).HasPrecision(14, 2);
            o.Property(x => x.Lines).HasJsonListColumn();
            o.Property(x => x.Timeline).HasJsonListColumn();
            o.Property(x => x.ShippingAddress).HasJsonColumn();
            o.Property(x => x.Version).IsRowVersion();
            o.Ignore(x => x.Amounts);
            o.Ignore(x => x.WasPaid);
            o.HasIndex(x => new { x.CustomerId, x.PlacedAt }); // order history, newest first
            o.HasIndex(x => new { x.Status, x.PlacedAt });     // admin search by status and date
            o.HasIndex(x => x.CouponCode).HasFilter("\"CouponCode\" IS NOT NULL"); // whether a coupon was ever used (its terms are then fixed)
            o.HasIndex(x => x.PaymentDueBy).HasFilter("\"Status\" = 'PendingPayment'"); // the unpaid-order sweeper
        });
        b.Entity<OrderRefund>(r =>
        {
            r.ToTable("refunds");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.AmountEtb).HasPrecision(14, 2);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            r.Property(x => x.Reason).HasMaxLength(300);
            r.Property(x => x.IssuedBy).HasMaxLength(60);
            r.Property(x => x.FailureReason).HasMaxLength(300);
            r.Property(x => x.Kind).HasMaxLength(20).HasDefaultValue(OrderRefund.Refund);
            r.Property(x => x.Lines).HasJsonListColumn().HasDefaultValueSql("'[]'::jsonb");
            r.Property(x => x.ShippingEtb).HasPrecision(14, 2);
            r.Property(x => x.NetEtb).HasPrecision(14, 2);
            r.Property(x => x.VatEtb).HasPrecision(14, 2);
            r.Ignore(x => x.Breakdown);
            r.Ignore(x => x.Holds);
            r.HasIndex(x => x.OrderId);
        });
        b.Entity<ReturnRequest>(r =>
        {
            r.ToTable("returns");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            r.Property(x => x.Lines).HasJsonListColumn();
            r.Property(x => x.Reason).HasMaxLength(500);
            r.Property(x => x.DecidedBy).HasMaxLength(60);
            r.Property(x => x.RefusalReason).HasMaxLength(300);
            r.HasIndex(x => x.OrderId);
        });
        b.Entity<Coupon>(c =>
        {
            c.ToTable("coupons");
            c.HasKey(x => x.Code);
            c.Property(x => x.Code).HasMaxLength(40);
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(12);
            c.Property(x => x.Value).HasPrecision(14, 2);
            c.Property(x => x.MinimumOrderEtb).HasPrecision(14, 2);
            c.Property(x => x.Version).IsRowVersion(); // PostgreSQL's xmin
        });
        b.Entity<CouponRedemption>(c =>
        {
            c.ToTable("coupon_redemptions");
            c.HasKey(x => new { x.Code, x.OrderId });
            c.Property(x => x.Code).HasMaxLength(40);
            c.HasIndex(x => new { x.Code, x.CustomerId });
        });
        b.Entity<IdempotencyRecord>(k =>
        {
            k.ToTable("idempotency_keys");
            k.HasKey(x => new { x.CustomerId, x.Key });
            k.Property(x => x.Key).HasMaxLength(255);
            k.Property(x => x.RequestHash).HasMaxLength(64);
            k.HasIndex(x => x.ExpiresAt);
        });
        b.Entity<RequestKey>(k =>
        {
            k.ToTable("request_keys");
            k.HasKey(x => new { x.Operation, x.CallerId, x.Key });
            k.Property(x => x.Operation).HasMaxLength(20);
            k.Property(x => x.Key).HasMaxLength(255);
            k.Property(x => x.RequestHash).HasMaxLength(64);
            k.HasIndex(x => x.ExpiresAt);
        });
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a running host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OrdersDbContext>
{
    public OrdersDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<OrdersDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", OrdersDbContext.Schema))
        .Options);
}
