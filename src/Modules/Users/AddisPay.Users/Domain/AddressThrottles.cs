using Microsoft.Extensions.Options;

namespace AddisPay.Users.Domain;

/// <summary>
/// What is counted against one email address for one purpose: failed sign-ins, or reset, verification and
/// "already registered" emails asked for. Kept per address whether or not an account has it, so the answers never tell
/// which addresses are known, and in PostgreSQL, so every pod applies the same count. The address is stored as its
/// SHA-256, never in clear: the table also holds addresses nobody registered.
/// </summary>
internal sealed class AddressThrottle
{
    public string Purpose { get; set; } = "";
    public string AddressHash { get; set; } = "";
    public int Count { get; set; }
    public DateTimeOffset WindowStartedAt { get; set; }
    public DateTimeOffset LastAt { get; set; }
    /// <summary>Sign-in only: until when every attempt for the address is answered 429.</summary>
    public DateTimeOffset? BlockedUntil { get; set; }
}

/// <summary>
/// <c>AddisPay:Users:SignInThrottle</c>. After <see cref="FreeFailures"/> failed sign-ins in a row (failures more than
/// <see cref="Window"/> apart start the count again) each further failure makes the address wait: <see cref="FirstDelay"/>,
/// then twice as long after every failure, at most <see cref="MaxDelay"/>. An attacker gets a handful of guesses an hour;
/// the owner waits seconds after a few typos, and at most <see cref="MaxDelay"/> while someone is guessing.
/// </summary>
public sealed class SignInThrottleOptions
{
    public int FreeFailures { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Emails of one kind (reset, verification, "already registered") sent to one address per hour, known or not.</summary>
    public int EmailsPerHour { get; set; } = 3;

    /// <summary>Failures in a row after one more at <paramref name="now"/>, and until when the address must then wait.</summary>
    public (int Failures, DateTimeOffset? BlockedUntil) AfterFailure(int failures, DateTimeOffset lastFailure, DateTimeOffset? blockedUntil, DateTimeOffset now)
    {
        var count = now - lastFailure > Window ? 1 : failures + 1;
        if (count < FreeFailures) return (count, blockedUntil > now ? blockedUntil : null);
        var doublings = Math.Min(count - FreeFailures, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstDelay.Ticks * Math.Pow(2, doublings), MaxDelay.Ticks));
        var until = now + delay;
        return (count, blockedUntil > until ? blockedUntil : until);
    }
}

/// <summary>The counts of <see cref="AddressThrottle"/>: one statement per question, atomic under concurrent requests.</summary>
internal sealed class AddressThrottles(UsersDbContext db, TimeProvider clock, IOptions<SignInThrottleOptions> options)
{
    public const string SignIn = "sign_in";
    public const string PasswordReset = "password_reset";
    public const string Verification = "verify_email";
    public const string RegistrationNotice = "registration_notice";

    public static readonly TimeSpan EmailWindow = TimeSpan.FromHours(1);

    public SignInThrottleOptions Options => options.Value;

    private static string Key(string normalizedEmail) => Secrets.Hash(normalizedEmail);

    /// <summary>Until when sign-ins for the address must wait; null when they may go ahead.</summary>
    public async Task<DateTimeOffset?> SignInBlockedUntilAsync(string normalizedEmail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = Key(normalizedEmail);
        return await db.AddressThrottles.AsNoTracking().Where(t => t.Purpose == SignIn && t.AddressHash == key && t.BlockedUntil > now)
            .Select(t => t.BlockedUntil).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Counts a failed sign-in and returns the wait that was already in force before it (set by attempts running at the
    /// same time), if any: such an attempt is answered like one made during the wait, whatever its password.
    /// </summary>
    public async Task<DateTimeOffset?> SignInFailedAsync(string normalizedEmail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = Key(normalizedEmail);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Insert the address or lock its row, and read where it stood: concurrent failures queue here, one after another.
        var row = await AddressThrottleSql.LockSignInAsync(db, key, now, ct);
        var (count, until) = Options.AfterFailure(row.Count, row.LastAt, row.BlockedUntil, now);
        var windowStart = count == 1 ? now : row.WindowStartedAt;
        await db.AddressThrottles.Where(t => t.Purpose == SignIn && t.AddressHash == key).ExecuteUpdateAsync(t => t
            .SetProperty(x => x.Count, count).SetProperty(x => x.WindowStartedAt, windowStart).SetProperty(x => x.LastAt, now)
            .SetProperty(x => x.BlockedUntil, until), ct);
        await tx.CommitAsync(ct);
        return row.BlockedUntil > now ? row.BlockedUntil : null;
    }

    /// <summary>
    /// A correct password: forgets the address's failures, unless a wait is in force (set by failures that ran meanwhile),
    /// which is returned and kept. One statement; nothing to write when there were no failures.
    /// </summary>
    public async Task<DateTimeOffset?> SignInSucceededAsync(string normalizedEmail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = Key(normalizedEmail);
        return await AddressThrottleSql.ForgetSignInFailuresUnlessBlockedAsync(db, key, now, ct);
    }

    /// <summary>The proven owner (a password reset, an admin's unlock) starts again with no failures and no wait.</summary>
    public Task ForgetSignInFailuresAsync(string normalizedEmail, CancellationToken ct)
    {
        var key = Key(normalizedEmail);
        return db.AddressThrottles.Where(t => t.Purpose == SignIn && t.AddressHash == key).ExecuteDeleteAsync(ct);
    }

    /// <summary>Failed sign-ins counted against the address now, and the wait in force: for the account export.</summary>
    public async Task<(int Failures, DateTimeOffset? BlockedUntil)> SignInStateAsync(string normalizedEmail, CancellationToken ct)
    {
        var key = Key(normalizedEmail);
        var row = await db.AddressThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.Purpose == SignIn && t.AddressHash == key, ct);
        return row is null ? (0, null) : (row.Count, row.BlockedUntil > clock.GetUtcNow() ? row.BlockedUntil : null);
    }

    /// <summary>
    /// Counts one email of <paramref name="purpose"/> asked for the address. Null when it may be sent; otherwise how long
    /// until the hour that holds <see cref="SignInThrottleOptions.EmailsPerHour"/> earlier requests is over.
    /// </summary>
    public async Task<TimeSpan?> EmailRequestedAsync(string purpose, string normalizedEmail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = Key(normalizedEmail);
        var windowOpen = now - EmailWindow;
        var row = await AddressThrottleSql.CountEmailAsync(db, purpose, key, now, windowOpen, ct);
        return row.Count <= Options.EmailsPerHour ? null : row.WindowStartedAt + EmailWindow - now;
    }

    /// <summary>Addresses untouched for a day count nothing any more; the rows go, so unknown addresses don't pile up.</summary>
    public Task<int> ForgetStaleAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(1);
        return db.AddressThrottles.Where(t => t.LastAt < before).ExecuteDeleteAsync(ct);
    }
}
