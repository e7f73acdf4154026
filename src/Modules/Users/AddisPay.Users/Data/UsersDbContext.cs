using AddisPay.Users.SweepThrottles;
using AddisPay.Users.RefreshSession;
using Microsoft.EntityFrameworkCore.Design;

namespace AddisPay.Users.Data;

internal sealed class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public const string Schema = "users";

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Address> Addresses => Set<Address>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<OneTimeToken> OneTimeTokens => Set<OneTimeToken>();
    public DbSet<AddressThrottle> AddressThrottles => Set<AddressThrottle>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.Entity<Account>(a =>
        {
            a.ToTable("accounts");
            a.HasKey(x => x.Id);
            a.Property(x => x.Email).HasMaxLength(254).IsRequired();
            a.Property(x => x.NormalizedEmail).HasMaxLength(254).IsRequired();
            a.HasIndex(x => x.NormalizedEmail).IsUnique();
            a.Property(x => x.PasswordHash).HasMaxLength(200);
            a.Property(x => x.FullName).HasMaxLength(120).IsRequired();
            a.Property(x => x.Phone).HasMaxLength(16);
            a.Property(x => x.PreferredLanguage).HasMaxLength(2).IsRequired();
            a.Property(x => x.Roles).HasColumnType("text[]");
            a.Property<uint>("xmin").IsRowVersion();
            a.HasMany(x => x.Addresses).WithOne().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
            a.HasIndex(x => x.CreatedAt);
        });
        b.Entity<Address>(a =>
        {
            a.ToTable("addresses");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever(); // ids are assigned in code, so a new address found through the account is an insert
            a.Property(x => x.Label).HasMaxLength(40);
            a.Property(x => x.Recipient).HasMaxLength(120);
            a.Property(x => x.Phone).HasMaxLength(16);
            a.Property(x => x.Region).HasMaxLength(40);
            a.Property(x => x.City).HasMaxLength(80);
            a.Property(x => x.SubCity).HasMaxLength(80);
            a.Property(x => x.Woreda).HasMaxLength(40);
            a.Property(x => x.Details).HasMaxLength(300);
            // At most one default address per account, enforced by the database.
            a.HasIndex(x => x.AccountId).HasFilter("\"IsDefault\"").IsUnique().HasDatabaseName("ux_addresses_one_default");
        });
        b.Entity<RefreshToken>(t =>
        {
            t.ToTable("refresh_tokens");
            t.HasKey(x => x.Id);
            t.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
            t.HasIndex(x => x.TokenHash).IsUnique();
            t.HasIndex(x => new { x.AccountId, x.FamilyId });
            t.Property(x => x.RevokedReason).HasMaxLength(40);
        });
        b.Entity<OneTimeToken>(t =>
        {
            t.ToTable("one_time_tokens");
            t.HasKey(x => x.Id);
            t.Property(x => x.Purpose).HasMaxLength(20).IsRequired();
            t.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
            t.HasIndex(x => x.TokenHash).IsUnique();
            t.HasIndex(x => new { x.AccountId, x.Purpose, x.CreatedAt });
        });
        b.Entity<AddressThrottle>(t =>
        {
            t.ToTable("address_throttles");
            t.HasKey(x => new { x.Purpose, x.AddressHash });
            t.Property(x => x.Purpose).HasMaxLength(20);
            t.Property(x => x.AddressHash).HasMaxLength(64);
            t.HasIndex(x => x.LastAt);
        });
    }
}

internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<UsersDbContext>
{
    public UsersDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<UsersDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", UsersDbContext.Schema))
        .Options);
}
