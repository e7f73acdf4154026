namespace AddisPay.IntegrationTests.Shared.Security;

/// <summary>How the platform validates access tokens (<c>TokenValidation</c>): through a rotation of its signing keys.</summary>
public sealed class TokenValidationTests
{
    [Fact]
    public async Task Tokens_signed_with_the_previous_key_still_work_during_rotation()
    {
        using var factory = new PlatformFactory("users", new()
        {
            ["AddisPay:Auth:SigningKeys:next-key"] = Convert.ToBase64String("the-next-signing-key-for-addispay-0123456789"u8.ToArray()),
            ["AddisPay:Auth:ActiveKeyId"] = "next-key"
        });
        var accounts = new Accounts(factory.CreateClient(), factory.ConnectionString);
        var (id, session) = await accounts.NewCustomerAsync();
        var header = JsonDocument.Parse(Convert.FromBase64String(Pad(session.AccessToken.Split('.')[0]))).RootElement;
        Assert.Equal("next-key", header.GetProperty("kid").GetString());

        using (var fresh = await accounts.SendAsync(HttpMethod.Get, "/api/users/me", session.AccessToken)) Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        using (var previous = await accounts.SendAsync(HttpMethod.Get, "/api/users/me", Tokens.For(id.ToString(), "customer")))
            Assert.Equal(HttpStatusCode.OK, previous.StatusCode); // signed with "test-key", still configured
    }

    private static string Pad(string s) => s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
}
