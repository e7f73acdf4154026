using AddisPay.Shared.Contracts;

namespace AddisPay.IntegrationTests.Users;

/// <summary>A shop front edits an address of a shopper's book through Users' contracts, in <see cref="AddressBookRun"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class UpdateShippingAddressTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task An_edit_saves_the_phone_in_international_form_and_the_region_as_the_list_spells_it()
    {
        var edited = (await AddressBookRun.OnAsync(platform)).Edited;
        Assert.Equal(("Almaz T.", "+251922334455", "Oromia", "Bishoftu", false), (edited.Recipient, edited.Phone, edited.Region, edited.City, edited.IsDefault));
    }

    [Fact]
    public async Task A_retried_edit_saves_the_same()
    {
        var run = await AddressBookRun.OnAsync(platform);
        Assert.Equal(run.Edited, run.EditedAgain);
    }

    [Fact]
    public async Task An_edit_with_a_bad_phone_and_an_unknown_region_is_refused_field_by_field()
    {
        var refused = Assert.IsType<ValidationFailedException>((await AddressBookRun.OnAsync(platform)).MalformedEdit);
        Assert.Equal(["phone", "region"], refused.Errors.Keys.Order());
    }

    [Fact]
    public async Task Another_shopper_cannot_edit_an_address_that_is_not_theirs() =>
        Assert.IsType<NotFoundException>((await AddressBookRun.OnAsync(platform)).OthersEdit);
}
