namespace AddisPay.IntegrationTests.Users;

/// <summary>A signed-in customer reads their own profile (<c>GET /api/users/me</c>).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class GetProfileTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task A_customer_reads_their_own_profile_with_the_phone_in_international_form_and_their_language()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        Assert.Equal(run.Id, run.Me.GetProperty("id").GetGuid());
        Assert.Equal("+251911234567", run.Me.GetProperty("phone").GetString());
        Assert.Equal("am", run.Me.GetProperty("preferredLanguage").GetString());
    }

    [Fact]
    public async Task Another_customers_address_is_not_in_a_customers_profile()
    {
        var run = await ForeignAddressRun.OnAsync(platform);
        Assert.DoesNotContain(run.AliceHome.ToString(), run.BekelesProfile);
    }
}
