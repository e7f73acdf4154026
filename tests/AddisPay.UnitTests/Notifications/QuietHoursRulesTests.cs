using AddisPay.Notifications;
using AddisPay.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace AddisPay.UnitTests.Notifications;

/// <summary>When a promotion may leave, in Addis Ababa time (UTC+3), for windows within a day and across midnight.</summary>
public sealed class QuietHoursRulesTests
{
    [Theory]
    [InlineData("21:00", "08:00", "2026-11-25T22:30:00+03:00", "2026-11-26T08:00:00+03:00")] // late evening: next morning
    [InlineData("21:00", "08:00", "2026-11-25T07:00:00+03:00", "2026-11-25T08:00:00+03:00")] // early morning: this morning
    [InlineData("21:00", "08:00", "2026-11-25T21:00:00+03:00", "2026-11-26T08:00:00+03:00")] // the window starts inclusive
    [InlineData("21:00", "08:00", "2026-11-25T08:00:00+03:00", "2026-11-25T08:00:00+03:00")] // and ends exclusive
    [InlineData("21:00", "08:00", "2026-11-25T12:00:00+03:00", "2026-11-25T12:00:00+03:00")] // daytime: at once
    [InlineData("13:00", "15:00", "2026-11-25T14:10:00+03:00", "2026-11-25T15:00:00+03:00")] // a window inside one day
    [InlineData("13:00", "15:00", "2026-11-25T16:00:00+03:00", "2026-11-25T16:00:00+03:00")]
    [InlineData("00:00", "00:00", "2026-11-25T23:00:00+03:00", "2026-11-25T23:00:00+03:00")] // equal ends: no quiet hours
    public void A_promotion_waits_until_the_quiet_hours_end(string start, string end, string at, string expected)
    {
        var rules = new QuietHours(Options.Create(new NotificationsOptions { QuietHours = new QuietHoursOptions { Start = start, End = end } }));
        // Given in UTC, as the clock gives it: the rule converts to Addis Ababa time itself.
        var release = rules.Release(DateTimeOffset.Parse(at).ToUniversalTime());
        Assert.Equal(DateTimeOffset.Parse(expected), release);
    }
}
