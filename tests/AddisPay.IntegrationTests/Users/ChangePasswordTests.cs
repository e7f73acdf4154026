namespace AddisPay.IntegrationTests.Users;

/// <summary>A signed-in customer changes their password (<c>POST /api/users/me/password</c>), in <see cref="PasswordRun"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ChangePasswordTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task Changing_the_password_ends_the_accounts_other_sessions()
    {
        var run = await PasswordRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.NoContent, run.ChangeAnswer);
        Assert.Equal(HttpStatusCode.Unauthorized, run.LaptopAfterChange);
    }

    [Fact]
    public async Task Changing_the_password_keeps_the_session_it_was_changed_in() =>
        Assert.Equal(HttpStatusCode.OK, (await PasswordRun.OnAsync(platform)).PhoneAfterChange);
}
