namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer adds and edits addresses in their profile (<c>POST</c>, <c>PUT /api/users/me/addresses</c>).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class SaveAddressTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task A_new_default_address_replaces_the_old_default()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        var addresses = run.ProfileWithTwoAddresses.GetProperty("addresses").EnumerateArray().ToList();
        Assert.Equal(2, addresses.Count);
        Assert.Equal(run.Office, addresses.Single(a => a.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_address_with_a_bad_phone_and_an_unknown_region_is_refused_field_by_field()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.BadRequest, run.MalformedAddressAnswer);
        var errors = run.MalformedAddressProblem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("region", out _));
    }

    [Fact]
    public async Task A_customer_cannot_edit_another_customers_address() =>
        Assert.Equal(HttpStatusCode.NotFound, (await ForeignAddressRun.OnAsync(platform)).EditAnswer);
}
