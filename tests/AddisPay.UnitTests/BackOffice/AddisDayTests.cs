using AddisPay.BackOffice.Staff;

namespace AddisPay.UnitTests.BackOffice;

/// <summary>The shop's day for the dashboard and the date filters: Addis Ababa time, UTC+3.</summary>
public sealed class AddisDayTests
{
    [Fact]
    public void Evening_in_UTC_is_already_the_next_day_in_Addis_Ababa()
    {
        var (start, end) = AddisDay.Of(new DateTimeOffset(2026, 12, 5, 21, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.FromHours(3)), start);
        Assert.Equal(start.AddDays(1), end);
    }

    [Fact]
    public void The_dashboard_names_the_day_by_its_Addis_Ababa_date_not_by_the_UTC_date_it_starts_on() =>
        Assert.Equal("2026-12-06", AddisDay.DateOf(AddisDay.Of(new DateTimeOffset(2026, 12, 6, 7, 0, 0, TimeSpan.Zero)).Start));

    [Theory]
    [InlineData("2026-12-06", true)]
    [InlineData("06/12/2026", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_filter_date_is_read_only_as_year_month_day(string? date, bool read) => Assert.Equal(read, AddisDay.Start(date) is not null);
}
