using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Shared.Contracts;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// Users' GetShippingAddress, as Orders asks it: in-process, and over the internal API from another pod; and the address book
/// a shop front keeps through Users' contracts.
/// </summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ShippingAddressTests(AllModulesPlatform platform)
{
    private readonly Accounts _accounts = new(platform.Factory.CreateClient(), platform.Factory.ConnectionString);

    private async Task<ShippingAddress?> InProcessAsync(Guid userId, Guid addressId)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetShippingAddress(userId, addressId));
    }

    private async Task<ShippingAddress?> FromAnotherPodAsync(Guid userId, Guid addressId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/internal/users/requests/GetShippingAddress")
        {
            Content = JsonContent.Create(new { userId, addressId })
        };
        request.Headers.Add("X-AddisPay-Internal-Key", PlatformFactory.InternalKey);
        using var response = await _accounts.Http.SendAsync(request);
        await Shop.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<ShippingAddress?>();
    }

    [Fact]
    public async Task A_users_own_address_is_returned_and_anyone_elses_is_not()
    {
        var (alice, aliceSession) = await _accounts.NewCustomerAsync();
        var (bekele, _) = await _accounts.NewCustomerAsync();
        using var created = await _accounts.SendAsync(HttpMethod.Post, "/api/users/me/addresses", aliceSession.AccessToken, new
        {
            label = "Home", recipient = "Almaz Tesfaye", phone = "0911234567", region = "Addis Ababa", city = "Addis Ababa",
            subCity = "Bole", woreda = "03", details = "Near Edna Mall, house 12"
        });
        await Shop.Expect(created, HttpStatusCode.Created);
        var home = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var expected = new ShippingAddress(home, "Home", "Almaz Tesfaye", "+251911234567", "Addis Ababa", "Addis Ababa", "Bole", "03",
            "Near Edna Mall, house 12", IsDefault: true);
        Assert.Equal(expected, await InProcessAsync(alice, home));
        Assert.Equal(expected, await FromAnotherPodAsync(alice, home));

        Assert.Null(await InProcessAsync(bekele, home)); // someone else's address
        Assert.Null(await FromAnotherPodAsync(bekele, home));
        Assert.Null(await InProcessAsync(alice, Guid.NewGuid()));

        using (var delete = await _accounts.SendAsync(HttpMethod.Delete, "/api/users/me", aliceSession.AccessToken))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Null(await InProcessAsync(alice, home)); // a deleted account ships nowhere
    }

    [Fact]
    public async Task A_shop_front_edits_chooses_the_default_and_removes_only_the_shoppers_own_addresses()
    {
        var alice = await _accounts.RegisterUnverifiedAsync($"{Guid.NewGuid():N}@example.et");
        var bekele = await _accounts.RegisterUnverifiedAsync($"{Guid.NewGuid():N}@example.et");
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var home = await sender.Send(new AddShippingAddress(alice, "Home", "Almaz Tesfaye", "0911234567", "Addis Ababa", "Addis Ababa", "Bole", null, "House 12"));
        var office = await sender.Send(new AddShippingAddress(alice, "Office", "Almaz Tesfaye", "0922334455", "Oromia", "Adama", null, null, "Kebele 04"));
        Assert.Equal((true, false), (home.IsDefault, office.IsDefault));

        var edit = new UpdateShippingAddress(alice, office.AddressId, "Office", "Almaz T.", "+251 922 33 44 55", "oromia", "Bishoftu", null, null, "Kebele 04");
        var edited = await sender.Send(edit);
        Assert.Equal(("Almaz T.", "+251922334455", "Oromia", "Bishoftu", false), (edited.Recipient, edited.Phone, edited.Region, edited.City, edited.IsDefault));
        Assert.Equal(edited, await sender.Send(edit)); // a retry saves the same
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await sender.Send(edit with { Phone = "12345", Region = "Atlantis" }));
        Assert.Equal(["phone", "region"], refused.Errors.Keys.Order());

        Assert.True((await sender.Send(new ChooseDefaultShippingAddress(alice, office.AddressId))).IsDefault);
        Assert.Equal([office.AddressId, home.AddressId], (await sender.Send(new GetShippingAddresses(alice))).Select(a => a.AddressId));

        // Bekele knows Alice's address ids: none of them is his to change.
        await Assert.ThrowsAsync<NotFoundException>(async () => await sender.Send(edit with { UserId = bekele }));
        await Assert.ThrowsAsync<NotFoundException>(async () => await sender.Send(new ChooseDefaultShippingAddress(bekele, home.AddressId)));
        Assert.False((await sender.Send(new RemoveShippingAddress(bekele, home.AddressId))).Removed);
        Assert.Equal(2, (await sender.Send(new GetShippingAddresses(alice))).Count);

        // Removing the default makes another the default; removing it again (a retry) removes nothing.
        Assert.True((await sender.Send(new RemoveShippingAddress(alice, office.AddressId))).Removed);
        Assert.False((await sender.Send(new RemoveShippingAddress(alice, office.AddressId))).Removed);
        Assert.Equal(home with { IsDefault = true }, Assert.Single(await sender.Send(new GetShippingAddresses(alice))));
    }
}
