using Microsoft.Extensions.Options;

namespace AddisPay.Notifications.Domain;

/// <summary>
/// The nightly window (Addis Ababa local time) in which promotional messages are not sent. Transactional
/// messages ignore it: a customer wants to know about their order at any hour.
/// </summary>
internal sealed class QuietHours
{
    private readonly TimeOnly _start;
    private readonly TimeOnly _end;
    private readonly TimeZoneInfo _zone;

    public QuietHours(IOptions<NotificationsOptions> options)
    {
        var o = options.Value.QuietHours;
        _start = TimeOnly.Parse(o.Start, System.Globalization.CultureInfo.InvariantCulture);
        _end = TimeOnly.Parse(o.End, System.Globalization.CultureInfo.InvariantCulture);
        // Ethiopia keeps UTC+3 all year; the fixed zone covers images without tzdata.
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out var zone) ? zone
            : TimeZoneInfo.CreateCustomTimeZone(o.TimeZone, TimeSpan.FromHours(3), o.TimeZone, o.TimeZone);
    }

    /// <summary>The earliest moment at or after <paramref name="at"/> outside quiet hours.</summary>
    public DateTimeOffset Release(DateTimeOffset at)
    {
        if (_start == _end) return at;
        var local = TimeZoneInfo.ConvertTime(at, _zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var quiet = _start < _end ? time >= _start && time < _end : time >= _start || time < _end;
        if (!quiet) return at;
        // The window ends today at End, or tomorrow when it spans midnight and we are before midnight.
        var endDate = _start > _end && time >= _start ? local.Date.AddDays(1) : local.Date;
        var endLocal = endDate + _end.ToTimeSpan();
        return new DateTimeOffset(endLocal, _zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}
