namespace AddisPay.Users.Data;

/// <summary>
/// The counts of <c>users.address_throttles</c> (mapped by <see cref="UsersDbContext"/> as <see cref="AddressThrottle"/>)
/// that must be one statement to stay atomic under concurrent requests: inserting an address or locking its row while
/// reading where it stood, counting an email in its hourly window, and forgetting failures unless a wait is in force while
/// answering with that wait. EF Core has no upsert and no delete that reads; no benchmark measured them.
/// </summary>
internal static class AddressThrottleSql
{
    /// <summary>Inserts the address with no failures, or locks its row; answers with the row as it stood.</summary>
    public static async Task<ThrottleRow> LockSignInAsync(UsersDbContext db, string key, DateTimeOffset now, CancellationToken ct) =>
        (await db.Database.SqlQuery<ThrottleRow>($"""
            insert into users.address_throttles as t ("Purpose", "AddressHash", "Count", "WindowStartedAt", "LastAt", "BlockedUntil")
            values ({AddressThrottles.SignIn}, {key}, 0, {now}, {now}, null)
            on conflict ("Purpose", "AddressHash") do update set "Count" = t."Count"
            returning t."Count", t."WindowStartedAt", t."LastAt", t."BlockedUntil"
            """).ToListAsync(ct)).Single();

    /// <summary>Forgets the address's sign-in failures unless a wait is in force at <paramref name="now"/>; answers with that wait.</summary>
    public static async Task<DateTimeOffset?> ForgetSignInFailuresUnlessBlockedAsync(UsersDbContext db, string key, DateTimeOffset now, CancellationToken ct) =>
        (await db.Database.SqlQuery<DateTimeOffset?>($"""
            with forgotten as (
              delete from users.address_throttles
               where "Purpose" = {AddressThrottles.SignIn} and "AddressHash" = {key} and ("BlockedUntil" is null or "BlockedUntil" <= {now}))
            select "BlockedUntil" as "Value" from users.address_throttles
             where "Purpose" = {AddressThrottles.SignIn} and "AddressHash" = {key} and "BlockedUntil" > {now}
            """).ToListAsync(ct)).FirstOrDefault();

    /// <summary>Counts one email of <paramref name="purpose"/> in the hour from <paramref name="windowOpen"/>; answers with the row after it.</summary>
    public static async Task<ThrottleRow> CountEmailAsync(UsersDbContext db, string purpose, string key, DateTimeOffset now, DateTimeOffset windowOpen,
        CancellationToken ct) =>
        (await db.Database.SqlQuery<ThrottleRow>($"""
            insert into users.address_throttles as t ("Purpose", "AddressHash", "Count", "WindowStartedAt", "LastAt", "BlockedUntil")
            values ({purpose}, {key}, 1, {now}, {now}, null)
            on conflict ("Purpose", "AddressHash") do update set
              "Count" = case when t."WindowStartedAt" <= {windowOpen} then 1 else t."Count" + 1 end,
              "WindowStartedAt" = case when t."WindowStartedAt" <= {windowOpen} then {now} else t."WindowStartedAt" end,
              "LastAt" = {now}
            returning t."Count", t."WindowStartedAt", t."LastAt", t."BlockedUntil"
            """).ToListAsync(ct)).Single();

    internal sealed class ThrottleRow
    {
        public int Count { get; set; }
        public DateTimeOffset WindowStartedAt { get; set; }
        public DateTimeOffset LastAt { get; set; }
        public DateTimeOffset? BlockedUntil { get; set; }
    }
}
