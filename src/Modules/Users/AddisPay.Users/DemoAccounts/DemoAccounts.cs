using AddisPay.Users.SweepThrottles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AddisPay.Users.DemoAccounts;

/// <summary>A verified admin and a customer for local runs, so the demo can be explored at once.</summary>
internal sealed class DemoAccounts(UsersDbContext db, Credentials credentials, IConfiguration configuration, TimeProvider clock, ILogger<DemoAccounts> log)
    : AddisPay.Shared.Modules.IDemoData
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var password = configuration["AddisPay:Users:DemoPassword"] ?? "Addis-demo-2026";
        await AddAsync("admin@addispay.et", "Selam Admin", [Roles.Admin], password, ct);
        await AddAsync("customer@addispay.et", "Abebe Kebede", [Roles.Customer], password, ct);
    }

    private async Task AddAsync(string email, string name, List<string> roles, string password, CancellationToken ct)
    {
        var normalized = Account.Normalize(email);
        if (await db.Accounts.AnyAsync(a => a.NormalizedEmail == normalized, ct)) return;
        var now = clock.GetUtcNow();
        var account = new Account
        {
            Id = Guid.CreateVersion7(), Email = email, NormalizedEmail = normalized, FullName = name, Roles = roles,
            Phone = "+251911000000", EmailVerifiedAt = now, CreatedAt = now, UpdatedAt = now
        };
        account.PasswordHash = await credentials.HashAsync(account, password, ct);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Demo account {Email} ({Roles}) with password {Password}", email, string.Join(",", roles), password);
    }
}
