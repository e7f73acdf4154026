using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Shared.Http;

/// <summary>
/// Requests per client address, counted in this process. Endpoints that cost more than an ordinary request, or that an
/// attacker would hammer, opt into a named policy (<c>.RequireRateLimiting(RateLimits.SignIn)</c>); every other endpoint
/// falls under the global default. Limits live in <c>AddisPay:RateLimits:&lt;Policy&gt;:{PermitLimit,Window}</c>, the
/// policy's name without its hyphen (<c>SignIn</c>, <c>AccountEmail</c>, <c>Search</c>, <c>Webhooks</c>, <c>Global</c>),
/// so the same key works in JSON and as an environment variable.
/// </summary>
/// <remarks>
/// The counters are in memory: with N pods behind a load balancer an address gets up to N times the limit. The client
/// address is the connection's peer unless that peer is a trusted proxy (<see cref="ClientAddresses"/>).
/// </remarks>
public static class RateLimits
{
    /// <summary>Sign-in and token refresh: password guessing and stolen refresh tokens.</summary>
    public const string SignIn = "sign-in";
    /// <summary>Registration, forgotten password and verification resend: each sends an email to an address the caller names.</summary>
    public const string AccountEmail = "account-email";
    /// <summary>Full-text search and autocomplete: the most expensive anonymous reads.</summary>
    public const string Search = "search";
    /// <summary>Payment gateways' webhooks and callbacks: each verified one makes a call to the gateway.</summary>
    public const string Webhooks = "webhooks";
    /// <summary>Every endpoint without a policy of its own.</summary>
    public const string Global = "global";

    /// <summary>
    /// Defaults sized for a real shop, where many customers share one address (mobile carriers put whole towns behind a
    /// few NAT addresses) and a gateway sends every payment's webhook from the same few.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, RateLimitRule> Defaults = new Dictionary<string, RateLimitRule>
    {
        [Global] = new(1200, TimeSpan.FromMinutes(1)),
        [SignIn] = new(30, TimeSpan.FromMinutes(1)),
        [AccountEmail] = new(20, TimeSpan.FromMinutes(10)),
        [Search] = new(300, TimeSpan.FromMinutes(1)),
        [Webhooks] = new(1200, TimeSpan.FromMinutes(1)),
    };

    /// <summary>AddisPay:RateLimits:SignIn for "sign-in": a name that is also a valid environment variable.</summary>
    public static string ConfigurationKey(string policy) =>
        "AddisPay:RateLimits:" + string.Concat(policy.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    public static RateLimitRule RuleFor(IConfiguration config, string policy)
    {
        var fallback = Defaults[policy];
        var section = config.GetSection(ConfigurationKey(policy));
        var rule = new RateLimitRule(section.GetValue("PermitLimit", fallback.PermitLimit), section.GetValue("Window", fallback.Window));
        if (rule.PermitLimit < 1 || rule.Window <= TimeSpan.Zero)
            throw new InvalidOperationException($"{ConfigurationKey(policy)} needs a PermitLimit of at least 1 and a positive Window.");
        return rule;
    }

    internal static void AddPlatformRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var rules = Defaults.Keys.ToDictionary(p => p, p => RuleFor(config, p));
        services.AddRateLimiter(o =>
        {
            foreach (var policy in rules.Keys.Where(p => p != Global))
                o.AddPolicy(policy, http => IsPageRead(http) ? Partition(http, rules[Global], "page:") : Partition(http, rules[policy]));
            // The global default counts only requests no named policy covers, so a webhook or a search is counted once.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null
                    ? RateLimitPartition.GetNoLimiter("")
                    : Partition(http, rules[Global]));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => RejectAsync(context, rules);
        });
    }

    /// <summary>
    /// A page that holds a limited form (the storefront's sign-in page carries the sign-in policy): showing it is an
    /// ordinary request, under the global rule; only posting the form counts against the policy.
    /// </summary>
    private static bool IsPageRead(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && !http.Request.Path.StartsWithSegments("/api");

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitRule rule, string keyPrefix = "") =>
        RateLimitPartition.GetFixedWindowLimiter(keyPrefix + ClientAddresses.PartitionKey(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, IReadOnlyDictionary<string, RateLimitRule> rules)
    {
        var http = context.HttpContext;
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? Global;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : rules.GetValueOrDefault(policy, rules[Global]).Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Too many requests from your address; try again in {seconds} seconds."
            }
        });
    }
}

/// <summary>How many requests an address may make per window under one policy.</summary>
public sealed record RateLimitRule(int PermitLimit, TimeSpan Window);
