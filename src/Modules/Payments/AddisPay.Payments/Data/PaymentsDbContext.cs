using AddisPay.Payments.Contracts;
using AddisPay.Shared.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.Payments.Data;

internal sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    public const string Schema = "payments";

    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentRefund> Refunds => Set<PaymentRefund>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<WebhookReceipt> WebhookReceipts => Set<WebhookReceipt>();
    public DbSet<UnverifiedWebhookCount> UnverifiedWebhooks => Set<UnverifiedWebhookCount>();
    public DbSet<SandboxCharge> SandboxCharges => Set<SandboxCharge>();
    public DbSet<InvoiceCounter> InvoiceCounters => Set<InvoiceCounter>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<CreditNoteCounter> CreditNoteCounters => Set<CreditNoteCounter>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<Payment>(p =>
        {
            p.ToTable("payments");
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.OrderNumber).HasMaxLength(20);
            p.Property(x => x.Gateway).HasMaxLength(20);
            p.Property(x => x.Reference).HasMaxLength(100);
            p.HasIndex(x => x.Reference).IsUnique();
            p.Property(x => x.AmountEtb).HasPrecision(14, 2);
            p.Property(x => x.RefundedEtb).HasPrecision(14, 2);
            p.Property(x => x.Currency).HasMaxLength(3);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            p.Property(x => x.CheckoutUrl).HasMaxLength(1000);
            p.Property(x => x.ReturnUrl).HasMaxLength(500);
            p.Property(x => x.GatewayReference).HasMaxLength(100);
            p.Property(x => x.FailureReason).HasMaxLength(300);
            p.Property(x => x.Bill).HasImmutableJsonColumn();
            p.Property(x => x.Payer).HasImmutableJsonColumn();
            p.HasIndex(x => x.OrderId);
            // One open attempt per order and gateway: concurrent starts find the same attempt.
            p.HasIndex(x => new { x.OrderId, x.Gateway }).IsUnique().HasFilter("\"Status\" = 'Pending'").HasDatabaseName("ix_payments_one_open_attempt");
            p.HasIndex(x => x.CreatedAt).HasFilter("\"Status\" = 'Pending'").HasDatabaseName("ix_payments_pending");
        });
        b.Entity<PaymentRefund>(r =>
        {
            r.ToTable("refunds");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.AmountEtb).HasPrecision(14, 2);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            r.Property(x => x.Reason).HasMaxLength(300);
            r.Property(x => x.GatewayReference).HasMaxLength(100);
            r.Property(x => x.FailureReason).HasMaxLength(300);
            r.HasIndex(x => x.PaymentId);
        });
        b.Entity<Invoice>(i =>
        {
            i.ToTable("invoices");
            i.HasKey(x => x.Number);
            i.Property(x => x.Number).HasMaxLength(20);
            i.Property(x => x.OrderNumber).HasMaxLength(20);
            i.Property(x => x.Gateway).HasMaxLength(20);
            i.Property(x => x.Reference).HasMaxLength(100);
            i.HasIndex(x => x.OrderId).IsUnique(); // one receipt per paid order
            i.Property(x => x.Bill).HasImmutableJsonColumn();
            i.Property(x => x.Payer).HasImmutableJsonColumn();
        });
        b.Entity<InvoiceCounter>(c =>
        {
            c.ToTable("invoice_counters");
            c.HasKey(x => x.Year);
            c.Property(x => x.Year).ValueGeneratedNever();
        });
        b.Entity<CreditNote>(n =>
        {
            n.ToTable("credit_notes");
            n.HasKey(x => x.Number);
            n.Property(x => x.Number).HasMaxLength(20);
            n.HasIndex(x => x.RefundId).IsUnique(); // one note per refund
            n.HasIndex(x => x.OrderId);
            n.Property(x => x.OrderNumber).HasMaxLength(20);
            n.Property(x => x.ReceiptNumber).HasMaxLength(20);
            n.Property(x => x.Reason).HasMaxLength(300);
            n.Property(x => x.Gateway).HasMaxLength(20);
            n.Property(x => x.Reference).HasMaxLength(100);
            foreach (var money in new[] { "ShippingEtb", "NetEtb", "VatEtb", "TotalEtb" })
                n.Property(money).HasPrecision(14, 2);
            n.Property(x => x.Lines).HasJsonListColumn();
            n.Property(x => x.Payer).HasImmutableJsonColumn();
        });
        b.Entity<CreditNoteCounter>(c =>
        {
            c.ToTable("credit_note_counters");
            c.HasKey(x => x.Year);
            c.Property(x => x.Year).ValueGeneratedNever();
        });
        b.Entity<WebhookReceipt>(w =>
        {
            w.ToTable("webhook_receipts");
            w.HasKey(x => x.Id);
            w.Property(x => x.Gateway).HasMaxLength(20);
            w.Property(x => x.Reference).HasMaxLength(100);
            w.Property(x => x.BodySha256).HasMaxLength(64);
            w.Property(x => x.Outcome).HasMaxLength(60);
            w.HasIndex(x => x.Reference);
        });
        b.Entity<UnverifiedWebhookCount>(u =>
        {
            u.ToTable("unverified_webhooks");
            u.HasKey(x => new { x.Gateway, x.Hour });
            u.Property(x => x.Gateway).HasMaxLength(20);
        });
        b.Entity<SandboxCharge>(s =>
        {
            s.ToTable("sandbox_charges");
            s.HasKey(x => x.Reference);
            s.Property(x => x.Reference).HasMaxLength(100);
            s.Property(x => x.AmountEtb).HasPrecision(14, 2);
            s.Property(x => x.RefundedEtb).HasPrecision(14, 2);
            s.Property(x => x.Currency).HasMaxLength(3);
            s.Property(x => x.Description).HasMaxLength(200);
            s.Property(x => x.ReturnUrl).HasMaxLength(500);
            s.Property(x => x.Outcome).HasMaxLength(12);
        });
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without a running host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PaymentsDbContext>
{
    public PaymentsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PaymentsDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", PaymentsDbContext.Schema))
        .Options);
}
