using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Domain;

namespace AddisPay.UnitTests.Users;

/// <summary>How long an address waits after failed sign-ins (defaults: five free, then 1 s doubling up to 5 min).</summary>
public sealed class SignInThrottleRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(3));
    private static readonly SignInThrottleOptions Rules = new();

    [Theory]
    [InlineData(0, null)]      // the first failure
    [InlineData(3, null)]      // the fourth
    [InlineData(4, 1)]         // the fifth starts a wait of a second
    [InlineData(5, 2)]         // and each further failure doubles it
    [InlineData(8, 16)]
    [InlineData(12, 256)]
    [InlineData(13, 300)]      // up to five minutes
    [InlineData(1000, 300)]
    public void Failures_in_a_row_wait_after_the_fifth_doubling_each_time(int earlierFailures, int? waitSeconds)
    {
        var (count, until) = Rules.AfterFailure(earlierFailures, Now.AddSeconds(-5), null, Now);
        Assert.Equal(earlierFailures + 1, count);
        Assert.Equal(waitSeconds is { } s ? Now.AddSeconds(s) : null, until);
    }

    [Fact]
    public void A_failure_long_after_the_last_one_counts_from_one_again()
    {
        var (count, until) = Rules.AfterFailure(9, Now - Rules.Window - TimeSpan.FromSeconds(1), Now.AddSeconds(-900), Now);
        Assert.Equal(1, count);
        Assert.Null(until);
    }

    [Fact]
    public void A_failure_never_shortens_a_wait_already_in_force()
    {
        var (_, until) = Rules.AfterFailure(4, Now.AddSeconds(-1), Now.AddMinutes(3), Now);
        Assert.Equal(Now.AddMinutes(3), until);
    }
}
