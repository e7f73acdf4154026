using AddisPay.Notifications.Domain;

namespace AddisPay.UnitTests.Notifications;

/// <summary>Amounts and times as messages show them: birr with santim, Addis Ababa time (UTC+3, no daylight saving).</summary>
public sealed class NotifierTests
{
    [Theory]
    [InlineData("1234.5", "1,234.50")]
    [InlineData("0", "0.00")]
    public void Amounts_have_thousands_separators_and_santim(string etb, string shown) =>
        Assert.Equal(shown, Notifier.Money(decimal.Parse(etb, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Times_are_shown_in_Addis_Ababa_time() =>
        Assert.Equal("2026-12-06 01:30", Notifier.LocalTime(new DateTimeOffset(2026, 12, 5, 22, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void A_time_given_in_another_offset_is_converted_too() =>
        Assert.Equal("2026-07-01 11:00", Notifier.LocalTime(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(1))));
}
