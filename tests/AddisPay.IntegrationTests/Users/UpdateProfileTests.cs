namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer updates their profile (<c>PUT /api/users/me</c>).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class UpdateProfileTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task A_profile_update_saves_the_phone_in_international_form()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.OK, run.UpdateAnswer);
        Assert.Equal("+251722123456", run.Updated.GetProperty("phone").GetString());
    }
}
