using AddisPay.Shared.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace AddisPay.UnitTests.Shared;

/// <summary>The feed of session revocations every process follows (its polls are exercised against PostgreSQL by the sign-out tests).</summary>
public sealed class RevokedSessionsFeedTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_poll_interval_of_zero_or_less_is_refused_rather_than_turning_revocation_off(int seconds)
    {
        var auth = new AuthOptions { RevocationPollInterval = TimeSpan.FromSeconds(seconds) };

        var refused = Assert.Throws<InvalidOperationException>(() => new RevokedSessionsFeed(new RevokedSessions(), null!, "Host=unused",
            new Dictionary<string, Type>(), auth, TimeProvider.System, NullLogger<RevokedSessionsFeed>.Instance));
        Assert.Contains("RevocationPollInterval", refused.Message);
    }
}
