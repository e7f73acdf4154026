namespace AddisPay.IntegrationTests.Users;

/// <summary>A user signs in (<c>POST /api/users/sign-in</c>) and gets a token pair. Sign-ins racing each other: <see cref="ConcurrentSessionTests"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class SignInTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task Access_tokens_are_short_lived() =>
        Assert.True((await RolesRun.OnAsync(platform)).Session.ExpiresIn <= 15 * 60, "access tokens are short-lived");
}
