namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer resets their password with the emailed token (<c>POST /api/users/password/reset</c>), in <see cref="PasswordRun"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ResetPasswordTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task A_reset_by_the_emailed_token_ends_every_session()
    {
        var run = await PasswordRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.NoContent, run.ResetAnswer);
        Assert.Equal(HttpStatusCode.Unauthorized, run.PhoneAfterReset);
    }

    [Fact]
    public async Task After_a_reset_the_new_password_signs_in_and_the_old_one_does_not()
    {
        var run = await PasswordRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.OK, run.NewPasswordSignIn);
        Assert.Equal(HttpStatusCode.Unauthorized, run.OldPasswordSignIn);
    }
}
