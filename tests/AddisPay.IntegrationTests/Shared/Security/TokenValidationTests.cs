namespace AddisPay.IntegrationTests.Shared.Security;

/// <summary>
/// How the platform validates access tokens (<c>TokenValidation</c>) through a rotation of its signing keys: a Users process
/// given a next key made active while the suite's key stays configured, asked once for the class.
/// </summary>
public sealed class TokenValidationTests(Arrangements arranged) : IClassFixture<Arrangements>
{
    /// <summary>A customer signed in during the rotation, and the answers to a token of each key.</summary>
    private sealed record Rotation(string? KeyId, HttpStatusCode WithTheActiveKey, HttpStatusCode WithThePreviousKey)
    {
        public static async Task<Rotation> ArrangeAsync()
        {
            using var factory = new PlatformFactory("users", new()
            {
                ["AddisPay:Auth:SigningKeys:next-key"] = Convert.ToBase64String("the-next-signing-key-for-addispay-0123456789"u8.ToArray()),
                ["AddisPay:Auth:ActiveKeyId"] = "next-key"
            });
            var accounts = new Accounts(factory.CreateClient(), factory.ConnectionString);
            var (id, session) = await accounts.NewCustomerAsync();
            var header = JsonDocument.Parse(Convert.FromBase64String(Pad(session.AccessToken.Split('.')[0]))).RootElement;
            using var fresh = await accounts.SendAsync(HttpMethod.Get, "/api/users/me", session.AccessToken);
            using var previous = await accounts.SendAsync(HttpMethod.Get, "/api/users/me", Tokens.For(id.ToString(), "customer")); // signed with "test-key", still configured
            return new(header.GetProperty("kid").GetString(), fresh.StatusCode, previous.StatusCode);
        }
    }

    private Task<Rotation> RotationAsync() => arranged.OnceAsync(Rotation.ArrangeAsync);

    [Fact]
    public async Task New_tokens_are_signed_with_the_active_key_and_name_it() =>
        Assert.Equal("next-key", (await RotationAsync()).KeyId);

    [Fact]
    public async Task Tokens_signed_with_the_active_key_work() =>
        Assert.Equal(HttpStatusCode.OK, (await RotationAsync()).WithTheActiveKey);

    [Fact]
    public async Task Tokens_signed_with_the_previous_key_still_work_during_rotation() =>
        Assert.Equal(HttpStatusCode.OK, (await RotationAsync()).WithThePreviousKey);

    private static string Pad(string s) => s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
}
