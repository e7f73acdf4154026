namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer deletes an address from their profile (<c>DELETE /api/users/me/addresses/{id}</c>).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class DeleteAddressTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task Deleting_the_default_address_makes_the_remaining_one_the_default()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.NoContent, run.DeleteDefaultAnswer);
        Assert.Equal(run.Home, Assert.Single(run.ProfileAfterDelete.GetProperty("addresses").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.True(run.ProfileAfterDelete.GetProperty("addresses")[0].GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task A_customer_cannot_delete_another_customers_address() =>
        Assert.Equal(HttpStatusCode.NotFound, (await ForeignAddressRun.OnAsync(platform)).DeleteAnswer);
}
