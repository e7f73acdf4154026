using Microsoft.Extensions.Options;

namespace AddisPay.Payments.Domain;

/// <summary>
/// Where a gateway may send the customer back after checkout: only to the shop's own storefront
/// (AddisPay:Payments:ReturnOrigins). Anything else would make our gateway redirect an open redirect that
/// lends the shop's name to a phishing page. A relative path (/orders/123) is resolved against the first
/// storefront origin. Every gateway reads the address resolved here, never the one the client sent.
/// </summary>
internal sealed class StorefrontReturn(IOptions<PaymentsOptions> options)
{
    public const string Field = "returnUrl";
    public const int MaxLength = 500;

    /// <summary>The absolute address to send the customer back to (null when none was asked for), or a 400 on the returnUrl field.</summary>
    public string? Resolve(string? returnUrl) => Resolve(returnUrl, Origins(options.Value));

    /// <summary>Whether an address already stored may still be redirected to (the storefront's origins can change).</summary>
    public bool IsAllowed(string? address)
    {
        var origins = Origins(options.Value);
        return address is not null && Uri.TryCreate(address, UriKind.Absolute, out var uri) && origins.Any(o => SameOrigin(o, uri));
    }

    internal static IReadOnlyList<Uri> Origins(PaymentsOptions o) =>
        o.ReturnOrigins.Select(origin => ParseOrigin(origin) ?? throw new InvalidOperationException($"AddisPay:Payments:ReturnOrigins: '{origin}' is not an http(s) origin.")).ToList();

    /// <summary>An http(s) origin with nothing after it but an optional "/" (https://shop.addispay.et), or null.</summary>
    internal static Uri? ParseOrigin(string? origin) =>
        Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri
            : null;

    internal static string? Resolve(string? returnUrl, IReadOnlyList<Uri> origins)
    {
        if (string.IsNullOrWhiteSpace(returnUrl)) return null;
        // Backslashes and control characters: browsers read "/\evil.example" as "//evil.example", and a line break
        // would end up in a Location header.
        if (returnUrl.Length > MaxLength || returnUrl.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c)))
            throw Refused();

        Uri? address;
        if (returnUrl[0] == '/')
        {
            // "//evil.example" is protocol-relative: another site, not a path of ours.
            if (returnUrl.Length > 1 && returnUrl[1] == '/') throw Refused();
            if (origins.Count == 0) throw Refused();
            address = Uri.TryCreate(origins[0], returnUrl, out var resolved) ? resolved : null;
        }
        else address = Uri.TryCreate(returnUrl, UriKind.Absolute, out var absolute) ? absolute : null;

        if (address is null || address.UserInfo.Length > 0 || !origins.Any(o => SameOrigin(o, address))) throw Refused();
        var text = address.AbsoluteUri;
        return text.Length <= MaxLength ? text : throw Refused();
    }

    private static bool SameOrigin(Uri origin, Uri address) =>
        address.Scheme is "http" or "https" && address.Scheme == origin.Scheme && address.Port == origin.Port
        && string.Equals(address.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase);

    private static ValidationFailedException Refused() =>
        new(Field, "The return address must be a page of this shop's storefront (or a path on it, like /orders/123).");
}
