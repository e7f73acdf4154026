namespace AddisPay.IntegrationTests.Users;

/// <summary>A shop front lists a shopper's address book through Users' contracts, in <see cref="AddressBookRun"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class GetShippingAddressesTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task The_default_address_is_listed_first()
    {
        var run = await AddressBookRun.OnAsync(platform);
        Assert.Equal([run.Office.AddressId, run.Home.AddressId], run.ListedAfterChoosing);
    }
}
