using AddisPay.Shared.Http;

namespace AddisPay.IntegrationTests.Shared.Http;

/// <summary>The headers that tell browsers how to treat our answers, on every answer of a real Host.</summary>
[Collection(nameof(EdgeHost))]
public sealed class SecurityHeadersTests(EdgeHost edge, SecurityHeadersTests.BehindTls behindTls) : IClassFixture<SecurityHeadersTests.BehindTls>
{
    /// <summary>In the test server: Payments (it serves HTML pages), with the operator saying TLS ends in front of us.</summary>
    public sealed class BehindTls : IDisposable
    {
        public PlatformFactory Factory { get; } = new("payments", new() { [SecurityHeaders.HstsKey] = "true" });
        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public Task An_api_answer_carries_the_security_headers_and_no_server_name() =>
        AssertAnswerCarriesSecurityHeadersAsync(http => http.GetAsync("/api/products"), HttpStatusCode.OK);

    [Fact]
    public Task A_not_found_answer_carries_the_security_headers_and_no_server_name() =>
        AssertAnswerCarriesSecurityHeadersAsync(http => http.GetAsync($"/api/products/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

    [Fact]
    public Task An_unauthorized_answer_carries_the_security_headers_and_no_server_name() =>
        AssertAnswerCarriesSecurityHeadersAsync(http => http.PostAsync("/api/products", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.Unauthorized);

    [Fact]
    public async Task The_api_reference_page_has_its_own_policy_and_still_cannot_be_framed()
    {
        using var http = edge.Host.Client();
        using var docs = await http.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        AssertSecurityHeaders(docs, SecurityHeaders.ApiDocsContentSecurityPolicy);
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ApiDocsContentSecurityPolicy);
        Assert.DoesNotContain("https:", SecurityHeaders.ApiDocsContentSecurityPolicy); // nothing from other origins
    }

    [Fact]
    public async Task Hsts_is_not_sent_unless_the_operator_says_tls_ends_in_front_of_us()
    {
        using var http = edge.Host.Client();
        using var without = await http.GetAsync("/health/live");
        Assert.False(without.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_is_sent_when_the_operator_says_tls_ends_in_front_of_us()
    {
        using var with = await behindTls.Factory.CreateClient().GetAsync("/health/live");
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, with.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task A_server_rendered_page_declares_its_own_policy_for_its_inline_styles()
    {
        using var page = await behindTls.Factory.CreateClient().GetAsync("/api/payments/sandbox/checkout/no-such-charge");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.NotEqual(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Contains("style-src 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    /// <summary>What the edge Host answers to <paramref name="send"/>: <paramref name="status"/>, with the API's headers.</summary>
    private async Task AssertAnswerCarriesSecurityHeadersAsync(Func<HttpClient, Task<HttpResponseMessage>> send, HttpStatusCode status)
    {
        using var http = edge.Host.Client();
        using var r = await send(http);
        Assert.Equal(status, r.StatusCode);
        AssertSecurityHeaders(r, SecurityHeaders.ContentSecurityPolicy);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage r, string csp)
    {
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", r.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(csp, r.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(r.Headers.Contains("Server"), $"Server: {string.Join(",", r.Headers.Server)}");
    }
}
