namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer exports their data (<c>GET /api/users/me/export</c>), in <see cref="AccountLifeRun"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ExportAccountTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task The_export_holds_the_profile_the_addresses_and_the_sessions()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        Assert.Contains(run.Email, run.Export);
        Assert.Contains("Home", run.Export);
        Assert.Contains("sessions", run.Export);
    }

    [Fact]
    public async Task The_export_holds_the_customers_cart_from_the_Cart_module()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        Assert.Contains(run.ProductSku, run.Export);
    }

    [Fact]
    public async Task The_export_holds_no_password_hash_and_no_refresh_token()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        Assert.DoesNotContain("AQAAAA", run.Export); // Identity v3 hash prefix
        Assert.DoesNotContain(run.RefreshToken, run.Export);
    }
}
