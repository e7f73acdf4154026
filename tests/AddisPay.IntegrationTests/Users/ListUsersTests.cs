namespace AddisPay.IntegrationTests.Users;

/// <summary>An admin lists and searches the users (<c>GET /api/users</c>).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ListUsersTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task An_admin_finds_a_user_by_their_address()
    {
        var run = await RolesRun.OnAsync(platform);
        Assert.Equal(run.Id, Assert.Single(run.Search.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }
}
