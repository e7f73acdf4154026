using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Users;

/// <summary>Users' GetShippingAddress as Orders asks it: in-process, and over the internal API from another pod.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class GetShippingAddressTests(AllModulesPlatform platform)
{
    private static async Task<ShippingAddress?> InProcessAsync(AllModulesPlatform p, Guid userId, Guid addressId)
    {
        await using var scope = p.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetShippingAddress(userId, addressId));
    }

    private static async Task<ShippingAddress?> FromAnotherPodAsync(Accounts accounts, Guid userId, Guid addressId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/internal/users/requests/GetShippingAddress")
        {
            Content = JsonContent.Create(new { userId, addressId })
        };
        request.Headers.Add("X-AddisPay-Internal-Key", PlatformFactory.InternalKey);
        using var response = await accounts.Http.SendAsync(request);
        await Shop.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<ShippingAddress?>();
    }

    /// <summary>Alice's address asked for by her and by Bekele, both ways; an unknown one; then hers again once her account is deleted.</summary>
    private sealed record Asked(ShippingAddress Expected, ShippingAddress? OwnInProcess, ShippingAddress? OwnFromAnotherPod,
        ShippingAddress? OthersInProcess, ShippingAddress? OthersFromAnotherPod, ShippingAddress? Unknown, HttpStatusCode DeleteAnswer, ShippingAddress? AfterDelete);

    private Task<Asked> AskedAsync() => platform.ArrangedAsync(async p =>
    {
        var accounts = p.Accounts();
        var (alice, aliceSession) = await accounts.NewCustomerAsync();
        var (bekele, _) = await accounts.NewCustomerAsync();
        using var created = await accounts.SendAsync(HttpMethod.Post, "/api/users/me/addresses", aliceSession.AccessToken, new
        {
            label = "Home", recipient = "Almaz Tesfaye", phone = "0911234567", region = "Addis Ababa", city = "Addis Ababa",
            subCity = "Bole", woreda = "03", details = "Near Edna Mall, house 12"
        });
        await Shop.Expect(created, HttpStatusCode.Created);
        var home = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var expected = new ShippingAddress(home, "Home", "Almaz Tesfaye", "+251911234567", "Addis Ababa", "Addis Ababa", "Bole", "03",
            "Near Edna Mall, house 12", IsDefault: true);

        var ownIn = await InProcessAsync(p, alice, home);
        var ownPod = await FromAnotherPodAsync(accounts, alice, home);
        var othersIn = await InProcessAsync(p, bekele, home);
        var othersPod = await FromAnotherPodAsync(accounts, bekele, home);
        var unknown = await InProcessAsync(p, alice, Guid.NewGuid());
        HttpStatusCode deleted;
        using (var delete = await accounts.SendAsync(HttpMethod.Delete, "/api/users/me", aliceSession.AccessToken)) deleted = delete.StatusCode;
        return new Asked(expected, ownIn, ownPod, othersIn, othersPod, unknown, deleted, await InProcessAsync(p, alice, home));
    });

    [Fact]
    public async Task A_users_own_address_is_returned_in_process()
    {
        var run = await AskedAsync();
        Assert.Equal(run.Expected, run.OwnInProcess);
    }

    [Fact]
    public async Task A_users_own_address_is_returned_to_another_pod_over_the_internal_api()
    {
        var run = await AskedAsync();
        Assert.Equal(run.Expected, run.OwnFromAnotherPod);
    }

    [Fact]
    public async Task Someone_elses_address_is_not_returned_either_way()
    {
        var run = await AskedAsync();
        Assert.Null(run.OthersInProcess);
        Assert.Null(run.OthersFromAnotherPod);
    }

    [Fact]
    public async Task An_unknown_address_is_not_returned() =>
        Assert.Null((await AskedAsync()).Unknown);

    [Fact]
    public async Task A_deleted_accounts_address_is_not_returned_so_it_ships_nowhere()
    {
        var run = await AskedAsync();
        Assert.Equal(HttpStatusCode.NoContent, run.DeleteAnswer);
        Assert.Null(run.AfterDelete);
    }
}
