using System.Globalization;
using AddisPay.BackOffice.Staff;
using AddisPay.Orders.Contracts;

namespace AddisPay.BackOffice.Components.Pages.Coupons;

/// <summary>The coupon form's fields as posted, read into Orders' terms; what cannot be read is a field error in the staff member's words.</summary>
internal sealed record CouponTerms(string? Kind, decimal? Value, decimal MinimumOrderEtb, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt, int? UsageLimit,
    int? PerCustomerLimit);

internal static class CouponForms
{
    /// <summary>The form's fields, named as Orders names them in its field errors.</summary>
    public static readonly string[] Fields = ["code", "kind", "value", "minimumOrderEtb", "startsAt", "expiresAt", "usageLimit", "perCustomerLimit"];

    /// <summary>The form's datetime-local format: a moment in Addis Ababa time (UTC+3), without the offset.</summary>
    public const string LocalFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>
    /// Reads the posted terms; a field that is not a number or a moment gets the key of the words saying so. Blank is no
    /// limit (limits, dates) or 0 (the minimum order).
    /// </summary>
    public static (CouponTerms Terms, Dictionary<string, string> Unreadable) Read(Func<string, string?> form)
    {
        var unreadable = new Dictionary<string, string>();
        decimal? Amount(string field)
        {
            var text = form(field)?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (decimal.TryParse(text.Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)) return amount;
            unreadable[field] = "coupon.err.number";
            return null;
        }
        int? Count(string field)
        {
            var text = form(field)?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return count;
            unreadable[field] = "coupon.err.count";
            return null;
        }
        DateTimeOffset? Moment(string field)
        {
            var text = form(field)?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (Addis(text) is { } at) return at;
            unreadable[field] = "coupon.err.moment";
            return null;
        }
        var terms = new CouponTerms(form("kind"), Amount("value"), Amount("minimumOrderEtb") ?? 0m, Moment("startsAt"), Moment("expiresAt"), Count("usageLimit"),
            Count("perCustomerLimit"));
        return (terms, unreadable);
    }

    /// <summary>A datetime-local value (seconds optional) as that moment in Addis Ababa; null when it is not one.</summary>
    public static DateTimeOffset? Addis(string? local) =>
        DateTime.TryParseExact(local, [LocalFormat, LocalFormat + ":ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? new DateTimeOffset(at, AddisDay.Offset) : null;

    /// <summary>A moment as the form's datetime-local value in Addis Ababa time.</summary>
    public static string Local(DateTimeOffset? at) => at?.ToOffset(AddisDay.Offset).ToString(LocalFormat, CultureInfo.InvariantCulture) ?? "";

    public static string Invariant(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>What the audit log keeps of a coupon before and after: its terms and use, not its redemptions.</summary>
    public static object? Snapshot(StaffCoupon? c) => c is null ? null : new
    {
        c.Code, c.Kind, c.Value, c.MinimumOrderEtb, c.StartsAt, c.ExpiresAt, c.UsageLimit, c.PerCustomerLimit, c.TimesUsed, c.Status
    };
}
