using System.Security.Cryptography;
using AddisPay.Shared.Security;

namespace AddisPay.IntegrationTests.Shared.Security;

/// <summary>
/// The internal key rule (<c>InternalKeyRule</c>) a Host started with ASPNETCORE_ENVIRONMENT=Production enforces: a key of 32
/// random bytes starts (the collection's production Host), a weak or published one stops start-up.
/// </summary>
[Collection(ProductionHost.Collection)]
public sealed class InternalKeyRuleTests(ProductionHost production)
{
    [Fact]
    public async Task Production_starts_with_an_internal_key_of_32_random_bytes()
    {
        using var http = production.Host.Client();
        using var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Matches(@"Hosting environment: (\\u0022)?Production", production.Host.Output); // ECS JSON escapes the quotes
    }

    [Theory]
    [InlineData("short-key")]
    [InlineData("0123456789abcdef0123456789abcdef012345678")] // 41 characters
    [InlineData("abababababababababababababababababababababababab")] // long, but two different characters
    public async Task Production_refuses_to_start_with_a_weak_internal_key(string key)
    {
        var (exit, output) = await StartInProductionAsync(key);
        Assert.NotEqual(0, exit);
        Assert.Contains("AddisPay:InternalKey is too weak", output);
        Assert.DoesNotContain(key, output); // the key itself is not printed
    }

    [Fact]
    public async Task Production_refuses_to_start_with_a_key_from_the_examples()
    {
        var (exit, output) = await StartInProductionAsync("change-me");
        Assert.NotEqual(0, exit);
        Assert.Contains("AddisPay:InternalKey is a published example value", output);
    }

    [Fact]
    public void Keys_as_operators_generate_them_pass_the_rule()
    {
        Assert.Null(InternalKeyRule.Weakness(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))); // openssl rand -base64 32
        Assert.Null(InternalKeyRule.Weakness(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)))); // openssl rand -hex 32
        Assert.Null(InternalKeyRule.Weakness(RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 48))); // helm randAlphaNum 48
    }

    [Fact]
    public void Keys_shorter_than_32_random_bytes_fail_the_rule()
    {
        Assert.NotNull(InternalKeyRule.Weakness(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)))); // 32 characters: 24 bytes
        Assert.NotNull(InternalKeyRule.Weakness(""));
    }

    /// <summary>`migrate` builds the whole app first, so a key refused at start-up stops it before any database work.</summary>
    private static Task<(int ExitCode, string Output)> StartInProductionAsync(string key) =>
        HostProcess.RunCommandAsync("migrate", "products", TestPostgres.CreateEmptyDatabase("weakkey"),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["AddisPay__InternalKey"] = key });
}
