namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer registers (<c>POST /api/users/register</c>): what is refused, and what a new account starts with.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class RegisterTests(AllModulesPlatform platform)
{
    /// <summary>One registration with a weak password and one with a phone outside Ethiopia.</summary>
    private sealed record Refused(HttpStatusCode WeakAnswer, JsonElement WeakProblem, HttpStatusCode PhoneAnswer, long Created);

    private Task<Refused> RefusedAsync() => platform.ArrangedAsync(async p =>
    {
        var http = p.Accounts().Http;
        var weakEmail = $"{Guid.NewGuid():N}@example.et";
        HttpStatusCode weakAnswer, phoneAnswer;
        JsonElement weakProblem;
        using (var weak = await http.PostAsJsonAsync("/api/users/register", new { email = weakEmail, password = "short1", fullName = "Almaz" }))
            (weakAnswer, weakProblem) = (weak.StatusCode, await weak.Content.ReadFromJsonAsync<JsonElement>());
        var phoneEmail = $"{Guid.NewGuid():N}@example.et";
        using (var phone = await http.PostAsJsonAsync("/api/users/register", new { email = phoneEmail, password = Accounts.Password, fullName = "Almaz", phone = "+1 555 0100" }))
            phoneAnswer = phone.StatusCode;
        return new Refused(weakAnswer, weakProblem, phoneAnswer, await Scenarios.PriceChangeScenario.CountAsync(p.Factory.ConnectionString,
            $"select count(*) from users.accounts where \"NormalizedEmail\" in ('{weakEmail}', '{phoneEmail}')"));
    });

    [Fact]
    public async Task Registration_refuses_a_weak_password_naming_the_password()
    {
        var run = await RefusedAsync();
        Assert.Equal(HttpStatusCode.BadRequest, run.WeakAnswer);
        Assert.True(run.WeakProblem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Registration_refuses_a_phone_outside_Ethiopia() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await RefusedAsync()).PhoneAnswer);

    [Fact]
    public async Task A_refused_registration_creates_no_account() =>
        Assert.Equal(0, (await RefusedAsync()).Created);

    [Fact]
    public async Task A_new_account_takes_no_promotions_until_the_customer_opts_in() =>
        Assert.False((await AccountLifeRun.OnAsync(platform)).Me.GetProperty("notifyPromotions").GetBoolean());
}
