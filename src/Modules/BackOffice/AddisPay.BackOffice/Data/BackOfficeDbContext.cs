using AddisPay.BackOffice.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.BackOffice.Data;

/// <summary>What the back office owns: the audit log of staff actions (the business data stays with the modules it works).</summary>
internal sealed class BackOfficeDbContext(DbContextOptions<BackOfficeDbContext> options) : DbContext(options)
{
    public const string Schema = "backoffice";

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.StaffEmail).HasMaxLength(254).IsRequired();
            e.Property(x => x.Action).HasMaxLength(60).IsRequired();
            e.Property(x => x.Target).HasMaxLength(200).IsRequired();
            e.Property(x => x.Before).HasColumnType("jsonb");
            e.Property(x => x.After).HasColumnType("jsonb");
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(20).HasDefaultValue(AuditOutcome.Done);
            e.HasIndex(x => new { x.Action, x.Key }).IsUnique().HasFilter("\"Key\" is not null");
            e.HasIndex(x => x.At); // the page, newest first
            e.HasIndex(x => new { x.StaffEmail, x.At });
            e.HasIndex(x => new { x.Action, x.At });
        });
    }
}

internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BackOfficeDbContext>
{
    public BackOfficeDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<BackOfficeDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", BackOfficeDbContext.Schema))
        .Options);
}
