using System.Net.Sockets;
using AddisPay.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Shared.Http;

/// <summary>
/// The rate limits (<c>RateLimits</c>): requests per client address, against a real Host process with small limits. Each test speaks from its own loopback
/// address (all of 127.0.0.0/8 is this machine), so each is a client of its own; 127.0.0.2 plays the ingress, the one
/// peer the Host is told to trust with X-Forwarded-For.
/// </summary>
public sealed class RateLimitsTests(RateLimitsTests.Throttled host) : IClassFixture<RateLimitsTests.Throttled>
{
    private const string TrustedProxy = "127.0.0.2";
    private const int SignInLimit = 3;
    private const int GlobalLimit = 5;

    public sealed class Throttled : IAsyncLifetime
    {
        public HostProcess Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await HostProcess.StartAsync("users", TestPostgres.CreateDatabase("ratelimits"),
            environment: new Dictionary<string, string>
            {
                ["AddisPay__RateLimits__SignIn__PermitLimit"] = SignInLimit.ToString(),
                ["AddisPay__RateLimits__SignIn__Window"] = "00:10:00",
                ["AddisPay__RateLimits__Global__PermitLimit"] = GlobalLimit.ToString(),
                ["AddisPay__RateLimits__Global__Window"] = "00:10:00",
                ["AddisPay__Http__TrustedProxies"] = TrustedProxy,
            });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public async Task Sign_in_beyond_its_limit_is_a_429_problem_with_retry_after()
    {
        using var http = ClientFrom("127.0.0.10");
        for (var i = 0; i < SignInLimit; i++)
        {
            using var allowed = await SignInAsync(http);
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode); // an empty body: refused by validation, still counted
        }

        using var refused = await SignInAsync(http);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Endpoints_without_a_policy_of_their_own_fall_under_the_global_limit()
    {
        using var http = ClientFrom("127.0.0.11");
        for (var i = 0; i < GlobalLimit; i++)
        {
            using var allowed = await http.GetAsync("/api/users/me");
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        using var refused = await http.GetAsync("/api/users/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task Requests_under_a_named_policy_do_not_use_up_the_global_allowance()
    {
        using var http = ClientFrom("127.0.0.12");
        for (var i = 0; i < SignInLimit; i++) (await SignInAsync(http)).Dispose();
        for (var i = 0; i < GlobalLimit; i++)
        {
            using var r = await http.GetAsync("/api/users/me");
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
    }

    [Fact]
    public async Task Health_probes_are_never_rate_limited()
    {
        using var http = ClientFrom("127.0.0.13");
        for (var i = 0; i < GlobalLimit * 3; i++)
        {
            using var r = await http.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_peer_that_is_not_a_trusted_proxy_is_ignored()
    {
        using var http = ClientFrom("127.0.0.14");
        for (var i = 0; i < SignInLimit; i++) (await SignInAsync(http, forwardedFor: $"198.51.100.{i + 1}")).Dispose();

        using var refused = await SignInAsync(http, forwardedFor: "198.51.100.99");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_trusted_proxy_names_the_client_it_counts_against()
    {
        using var proxy = ClientFrom(TrustedProxy);
        for (var i = 0; i < SignInLimit; i++) (await SignInAsync(proxy, forwardedFor: "192.0.2.1")).Dispose();

        using var sameClient = await SignInAsync(proxy, forwardedFor: "192.0.2.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
        using var otherClient = await SignInAsync(proxy, forwardedFor: "192.0.2.2");
        Assert.Equal(HttpStatusCode.BadRequest, otherClient.StatusCode);
    }

    [Fact]
    public async Task Addresses_a_client_writes_into_X_Forwarded_For_itself_do_not_spread_its_requests()
    {
        // The proxy appends the address it saw; whatever the client sent before that is the client's own invention.
        using var proxy = ClientFrom(TrustedProxy);
        for (var i = 0; i < SignInLimit; i++) (await SignInAsync(proxy, forwardedFor: $"10.9.8.{i}, 203.0.113.7")).Dispose();

        using var refused = await SignInAsync(proxy, forwardedFor: "10.9.8.200, 203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient http, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/users/sign-in") { Content = JsonContent.Create(new { }) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }

    /// <summary>A client whose connections leave from <paramref name="localAddress"/>, a loopback address of its own.</summary>
    private HttpClient ClientFrom(string localAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    })
    { BaseAddress = host.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public void Sign_in_email_sending_search_and_webhook_endpoints_each_carry_their_policy()
    {
        // Which endpoints opt into which policy: read from the running app's endpoints, so a new route can't slip by.
        using var factory = new PlatformFactory("users,search,payments");
        factory.CreateClient().Dispose(); // builds the app
        var policies = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null)
            .ToDictionary(
                e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Single()} {e.RoutePattern.RawText}",
                e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>()!.PolicyName);

        Assert.Equal(new Dictionary<string, string?>
        {
            ["POST /api/users/sign-in"] = RateLimits.SignIn,
            ["POST /api/users/token/refresh"] = RateLimits.SignIn,
            ["POST /api/users/register"] = RateLimits.AccountEmail,
            ["POST /api/users/password/forgot"] = RateLimits.AccountEmail,
            ["POST /api/users/verify-email/resend"] = RateLimits.AccountEmail,
            ["GET /api/search/"] = RateLimits.Search,
            ["GET /api/search/suggest"] = RateLimits.Search,
            ["POST /api/payments/webhooks/{gateway}"] = RateLimits.Webhooks,
            ["GET /api/payments/callbacks/chapa"] = RateLimits.Webhooks,
        }.OrderBy(p => p.Key), policies.OrderBy(p => p.Key));
    }
}
