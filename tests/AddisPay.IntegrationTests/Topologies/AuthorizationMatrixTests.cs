using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Topologies;

/// <summary>
/// Every non-public endpoint of every module, discovered from the running app (so a new endpoint is covered
/// the day it is mapped), tried with no token, an expired token, a token signed with a wrong key, and a
/// customer token where an admin is required.
/// </summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class AuthorizationMatrixTests(AllModulesPlatform platform, ITestOutputHelper output)
{
    public sealed record ProtectedEndpoint(string Method, string Pattern, bool AdminOnly);

    private IReadOnlyList<ProtectedEndpoint> Endpoints()
    {
        var endpoints = platform.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/") == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        return endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m =>
                new ProtectedEndpoint(m, e.RoutePattern.RawText!, e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == "admin"))))
            .OrderBy(e => e.Pattern).ThenBy(e => e.Method)
            .ToList();
    }

    private static string Url(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", _ => Guid.NewGuid().ToString());

    [Fact]
    public async Task Every_protected_endpoint_refuses_missing_expired_and_forged_tokens()
    {
        var endpoints = Endpoints();
        var http = platform.Factory.CreateClient();
        var badTokens = new Dictionary<string, string?>
        {
            ["none"] = null,
            ["expired"] = Tokens.For(Guid.NewGuid().ToString(), "admin", lifetime: TimeSpan.FromMinutes(-5)),
            ["wrong key"] = Tokens.For(Guid.NewGuid().ToString(), "admin", key: Convert.ToBase64String(new byte[48]))
        };
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        foreach (var (name, token) in badTokens)
        {
            using var response = await http.SendAsync(Shop.Request(new HttpMethod(endpoint.Method), Url(endpoint.Pattern), new { }, token));
            if (response.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{endpoint.Method} {endpoint.Pattern} with {name} token: {(int)response.StatusCode}");
        }
        output.WriteLine($"{endpoints.Count} protected endpoints × {badTokens.Count} bad tokens");
        foreach (var e in endpoints) output.WriteLine($"{e.Method} {e.Pattern}{(e.AdminOnly ? " [admin]" : "")}");
        Assert.Empty(failures);
    }

    /// <summary>Each module with a protected API is in the matrix.</summary>
    [Fact]
    public void The_matrix_holds_the_protected_endpoints_of_every_module_with_a_protected_api()
    {
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => e.Pattern.StartsWith("/api/users/"));
        Assert.Contains(endpoints, e => e.Pattern.StartsWith("/api/products"));
    }

    [Fact]
    public async Task Admin_endpoints_refuse_a_customer()
    {
        var admin = Endpoints().Where(e => e.AdminOnly).ToList();
        Assert.True(admin.Count >= 6, $"only {admin.Count} admin endpoints found");
        var http = platform.Factory.CreateClient();
        var customer = Tokens.Customer(Guid.NewGuid().ToString());
        var failures = new List<string>();
        foreach (var endpoint in admin)
        {
            using var response = await http.SendAsync(Shop.Request(new HttpMethod(endpoint.Method), Url(endpoint.Pattern), new { }, customer));
            if (response.StatusCode != HttpStatusCode.Forbidden) failures.Add($"{endpoint.Method} {endpoint.Pattern}: {(int)response.StatusCode}");
        }
        Assert.Empty(failures);
    }
}
