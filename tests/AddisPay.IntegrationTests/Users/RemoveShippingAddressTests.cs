namespace AddisPay.IntegrationTests.Users;

/// <summary>A shop front removes an address from a shopper's book through Users' contracts, in <see cref="AddressBookRun"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class RemoveShippingAddressTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task Another_shopper_removes_nothing_of_an_address_that_is_not_theirs()
    {
        var run = await AddressBookRun.OnAsync(platform);
        Assert.False(run.OthersRemoved);
        Assert.Equal(2, run.CountAfterOthers);
    }

    [Fact]
    public async Task Removing_the_default_makes_another_address_the_default()
    {
        var run = await AddressBookRun.OnAsync(platform);
        Assert.True(run.DefaultRemoved);
        Assert.Equal(run.Home with { IsDefault = true }, Assert.Single(run.Remaining));
    }

    [Fact]
    public async Task A_retried_removal_removes_nothing() =>
        Assert.False((await AddressBookRun.OnAsync(platform)).DefaultRemovedAgain);
}
