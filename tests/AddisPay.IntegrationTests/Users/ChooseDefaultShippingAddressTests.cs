using AddisPay.Shared.Contracts;

namespace AddisPay.IntegrationTests.Users;

/// <summary>A shop front chooses a shopper's default address through Users' contracts, in <see cref="AddressBookRun"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ChooseDefaultShippingAddressTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task The_chosen_address_becomes_the_default() =>
        Assert.True((await AddressBookRun.OnAsync(platform)).ChosenIsDefault);

    [Fact]
    public async Task Another_shopper_cannot_choose_an_address_that_is_not_theirs() =>
        Assert.IsType<NotFoundException>((await AddressBookRun.OnAsync(platform)).OthersChoice);
}
