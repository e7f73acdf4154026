namespace AddisPay.IntegrationTests.Users;

/// <summary>A shop front adds an address to a shopper's book through Users' contracts, in <see cref="AddressBookRun"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class AddShippingAddressTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task The_first_address_becomes_the_default_and_the_next_does_not()
    {
        var run = await AddressBookRun.OnAsync(platform);
        Assert.Equal((true, false), (run.Home.IsDefault, run.Office.IsDefault));
    }
}
