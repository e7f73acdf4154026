namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer asks for a password reset (<c>POST /api/users/password/forgot</c>), in <see cref="PasswordRun"/>.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ForgotPasswordTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task A_reset_asked_for_a_known_address_is_accepted() =>
        Assert.Equal(HttpStatusCode.Accepted, (await PasswordRun.OnAsync(platform)).ForgotAnswer);

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_so_the_endpoint_cannot_be_used_to_find_accounts() =>
        Assert.Equal(HttpStatusCode.Accepted, (await PasswordRun.OnAsync(platform)).UnknownForgotAnswer);
}
