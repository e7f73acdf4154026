using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests;

/// <summary>Users' GetShippingAddress, as Orders asks it: in-process, and over the internal API from another pod.</summary>
public sealed class ShippingAddressTests(ShippingAddressTests.Platform platform) : IClassFixture<ShippingAddressTests.Platform>
{
    public sealed class Platform : IDisposable
    {
        public PlatformFactory Factory { get; } = new("users");
        public void Dispose() => Factory.Dispose();
    }

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
}
