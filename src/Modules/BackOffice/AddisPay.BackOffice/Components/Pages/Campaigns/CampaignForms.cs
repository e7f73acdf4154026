using System.Globalization;
using AddisPay.BackOffice.Staff;
using AddisPay.Notifications.Contracts;

namespace AddisPay.BackOffice.Components.Pages.Campaigns;

/// <summary>What the campaign pages read from their forms and keep in the audit log.</summary>
internal static class CampaignForms
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    /// <summary>
    /// A send time typed in Addis Ababa time (a datetime-local field) as UTC; null when left empty. False when it is not a
    /// date and time at all (a time in the past is Notifications' to refuse, in its words, under the field).
    /// </summary>
    public static bool TryAddisTime(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        at = new DateTimeOffset(local, AddisDay.Offset).ToUniversalTime();
        return true;
    }

    /// <summary>A UTC moment as the value of a datetime-local field in Addis Ababa time.</summary>
    public static string? AddisInput(DateTimeOffset? at) => at?.ToOffset(AddisDay.Offset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>What the audit log keeps of a campaign before and after a change: its words, audience, time and state.</summary>
    public static object? Snapshot(StaffCampaign? c) => c is null ? null
        : new { c.Id, c.Subject, c.SubjectAm, c.Body, c.BodyAm, c.CategorySlug, c.Status, c.SendAt, c.GoesOutAt, c.Version };
}
