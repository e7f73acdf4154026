namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer deletes their account (<c>DELETE /api/users/me</c>): personal data goes, sessions end, other modules are told.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class DeleteAccountTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task A_deleted_account_cannot_sign_in()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.NoContent, run.DeleteAnswer);
        Assert.Equal(HttpStatusCode.Unauthorized, run.SignInAfterDelete);
    }

    [Fact]
    public async Task A_deleted_accounts_refresh_token_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await AccountLifeRun.OnAsync(platform)).RefreshAfterDelete);

    [Fact]
    public async Task A_deleted_account_leaves_no_personal_data() =>
        Assert.Equal(0, (await AccountLifeRun.OnAsync(platform)).PersonalRowsAfterDelete);

    [Fact]
    public async Task Deleting_an_account_tells_the_other_modules() =>
        Assert.Equal(1, (await AccountLifeRun.OnAsync(platform)).DeletedEvents);

    [Fact]
    public async Task A_deleted_accounts_access_token_is_refused_within_seconds()
    {
        var accounts = platform.Accounts();
        var (_, session) = await accounts.NewCustomerAsync();
        using (var gone = await accounts.SendAsync(HttpMethod.Delete, "/api/users/me", session.AccessToken))
            Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        await AccessScenarios.RefusedAfterAsync(accounts.Http, "/api/orders", session.AccessToken);
    }
}
