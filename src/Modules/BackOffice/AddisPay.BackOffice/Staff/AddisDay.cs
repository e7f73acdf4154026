using System.Globalization;

namespace AddisPay.BackOffice.Staff;

/// <summary>The shop's day: Addis Ababa time, UTC+3 all year (no daylight saving).</summary>
public static class AddisDay
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(3);

    /// <summary>The Addis Ababa day <paramref name="now"/> falls in, as [start, end) in UTC (what PostgreSQL's timestamptz takes).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Of(DateTimeOffset now)
    {
        var local = now.ToOffset(Offset);
        var start = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, Offset).ToUniversalTime();
        return (start, start.AddDays(1));
    }

    /// <summary>The date of the day starting at <paramref name="start"/> as Addis Ababa writes it (yyyy-MM-dd): the start is kept in UTC, where it is still the evening before.</summary>
    public static string DateOf(DateTimeOffset start) => start.ToOffset(Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A yyyy-MM-dd date from a filter form as the start of that Addis Ababa day (in UTC); null when empty or not a date.</summary>
    public static DateTimeOffset? Start(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime() : null;
}
