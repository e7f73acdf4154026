using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AddisPay.Products.Domain;

/// <summary>
/// Where a keyset page of the shop's product list ends: the last product's sort key and id, for the order it was read in
/// (newest: published time; name: the name). Sent to clients as an opaque base64url text; a text that does not decode, or
/// was made for another order, is refused as a field error rather than read as a wrong page.
/// </summary>
internal sealed record ListingCursor(string Sort, DateTimeOffset? PublishedAt, string? Name, Guid Id)
{
    public static ListingCursor After(Product last, string sort) =>
        sort == "name" ? new("name", null, last.Name, last.Id) : new("newest", last.PublishedAt, null, last.Id);

    public string Encode()
    {
        var key = Sort == "name" ? "a" + Name : "n" + PublishedAt!.Value.UtcTicks.ToString(CultureInfo.InvariantCulture);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Id.ToString("N") + key));
    }

    /// <summary>The cursor <paramref name="text"/> encodes for <paramref name="sort"/>; null when it encodes none (or one of another order).</summary>
    public static ListingCursor? Decode(string text, string sort)
    {
        if (text.Length > 2048 || !Base64Url.IsValid(text)) return null;
        string raw;
        try { raw = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)); }
        catch (FormatException) { return null; }
        if (raw.Length < 33 || !Guid.TryParseExact(raw[..32], "N", out var id)) return null;
        var key = raw[33..];
        return (raw[32], sort) switch
        {
            ('a', "name") => new ListingCursor("name", null, key, id),
            ('n', "newest") when long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                                 && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                => new ListingCursor("newest", new DateTimeOffset(ticks, TimeSpan.Zero), null, id),
            _ => null
        };
    }
}
