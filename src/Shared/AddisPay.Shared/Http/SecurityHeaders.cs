using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace AddisPay.Shared.Http;

/// <summary>
/// Headers every response carries, set when the response starts so error answers (problem details written by the
/// exception handler, status-code pages, the rate limiter) get them too.
/// </summary>
public static class SecurityHeaders
{
    public const string HstsKey = "AddisPay:Http:Hsts";

    /// <summary>For the server-rendered pages to come and every API answer: nothing but our own origin, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (Scalar) configures itself with an inline script and inline styles, and its try-it client
    /// calls our own API. Still never framed, no plugins, no foreign scripts.
    /// </summary>
    public const string ApiDocsContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// For the small HTML pages the API serves today (receipt, unsubscribe, sandbox checkout): their CSS is inline, and
    /// they load nothing else.
    /// </summary>
    public const string InlineStyledPageContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>A year; sent only when TLS ends at a proxy in front of us, which the operator says with AddisPay:Http:Hsts.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IConfiguration config, PathString apiDocsPath)
    {
        var hsts = config.GetValue(HstsKey, false);
        return app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = http.GetEndpoint()?.Metadata.GetMetadata<PagePolicy>()?.ContentSecurityPolicy
                    ?? (http.Request.Path.StartsWithSegments(apiDocsPath) ? ApiDocsContentSecurityPolicy : ContentSecurityPolicy);
                if (hsts) headers.StrictTransportSecurity = StrictTransportSecurity;
                return Task.CompletedTask;
            });
            return next(http);
        });
    }

    /// <summary>Serves this endpoint's answers with <paramref name="contentSecurityPolicy"/> instead of the platform's.</summary>
    public static TBuilder WithContentSecurityPolicy<TBuilder>(this TBuilder endpoint, string contentSecurityPolicy)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new PagePolicy(contentSecurityPolicy));

    private sealed record PagePolicy(string ContentSecurityPolicy);
}
