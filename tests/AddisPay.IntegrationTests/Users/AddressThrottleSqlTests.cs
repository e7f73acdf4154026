using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Data;
using AddisPay.Users.Domain;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Users;

/// <summary><see cref="AddressThrottleSql"/> against the mapping of <see cref="UsersDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class AddressThrottleSqlTests(SqlFamilies platform)
{
    private static readonly DateTimeOffset At = SqlFamilies.Now;

    [Fact]
    public async Task A_sign_in_row_inserted_by_the_lock_reads_back_through_the_context_with_no_failures()
    {
        var key = NewKey();

        var row = await platform.WithContextAsync<UsersDbContext, AddressThrottleSql.ThrottleRow>(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var locked = await AddressThrottleSql.LockSignInAsync(db, key, At, CancellationToken.None);
            await tx.CommitAsync();
            return locked;
        });

        var saved = await ReadBackAsync(AddressThrottles.SignIn, key);
        Assert.Equal((0, At, At, (DateTimeOffset?)null), (row.Count, row.WindowStartedAt, row.LastAt, row.BlockedUntil));
        Assert.Equal((0, At, At, (DateTimeOffset?)null), (saved.Count, saved.WindowStartedAt, saved.LastAt, saved.BlockedUntil));
    }

    [Fact]
    public async Task Emails_counted_by_their_upsert_read_back_through_the_context_in_one_hourly_window()
    {
        var key = NewKey();

        for (var i = 0; i < 2; i++)
            await platform.WithContextAsync<UsersDbContext, AddressThrottleSql.ThrottleRow>(db =>
                AddressThrottleSql.CountEmailAsync(db, AddressThrottles.PasswordReset, key, At.AddMinutes(i), At.AddMinutes(i) - AddressThrottles.EmailWindow, CancellationToken.None));

        var saved = await ReadBackAsync(AddressThrottles.PasswordReset, key);
        Assert.Equal((2, At, At.AddMinutes(1)), (saved.Count, saved.WindowStartedAt, saved.LastAt));
    }

    [Fact]
    public async Task A_wait_saved_through_the_context_is_kept_and_answered_by_the_forgetting_statement()
    {
        var key = NewKey();
        var until = At.AddMinutes(5);
        await platform.SaveAsync<UsersDbContext>(new AddressThrottle
        {
            Purpose = AddressThrottles.SignIn, AddressHash = key, Count = 7, WindowStartedAt = At, LastAt = At, BlockedUntil = until
        });

        var blocked = await platform.WithContextAsync<UsersDbContext, DateTimeOffset?>(db =>
            AddressThrottleSql.ForgetSignInFailuresUnlessBlockedAsync(db, key, At.AddMinutes(1), CancellationToken.None));
        var afterwards = await platform.WithContextAsync<UsersDbContext, DateTimeOffset?>(db =>
            AddressThrottleSql.ForgetSignInFailuresUnlessBlockedAsync(db, key, until, CancellationToken.None));

        Assert.Equal(until, blocked);
        Assert.Null(afterwards);
        Assert.False(await platform.WithContextAsync<UsersDbContext, bool>(db => db.AddressThrottles.AnyAsync(t => t.AddressHash == key)));
    }

    private static string NewKey() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private Task<AddressThrottle> ReadBackAsync(string purpose, string key) => platform.WithContextAsync<UsersDbContext, AddressThrottle>(db =>
        db.AddressThrottles.AsNoTracking().SingleAsync(t => t.Purpose == purpose && t.AddressHash == key));
}
