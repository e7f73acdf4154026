namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// An account signed in on a laptop and a phone: the password changed on the phone, then forgotten and reset with the
/// emailed token, then signed in with the new and the old one; and a reset asked for an unknown address. Run once for
/// <see cref="ChangePasswordTests"/>, <see cref="ForgotPasswordTests"/> and <see cref="ResetPasswordTests"/>.
/// </summary>
public sealed record PasswordRun(
    HttpStatusCode ChangeAnswer, HttpStatusCode LaptopAfterChange, HttpStatusCode PhoneAfterChange,
    HttpStatusCode ForgotAnswer, HttpStatusCode ResetAnswer, HttpStatusCode PhoneAfterReset, HttpStatusCode NewPasswordSignIn,
    HttpStatusCode OldPasswordSignIn, HttpStatusCode UnknownForgotAnswer)
{
    public static Task<PasswordRun> OnAsync(AllModulesPlatform platform) => platform.ArrangedAsync(async p =>
    {
        var accounts = p.Accounts();
        var email = $"{Guid.NewGuid():N}@example.et";
        await accounts.RegisterAsync(email);
        var laptop = await accounts.SignInAsync(email);
        var phone = await accounts.SignInAsync(email);

        HttpStatusCode change, forgot, reset, newSignIn, oldSignIn, unknown;
        using (var r = await accounts.SendAsync(HttpMethod.Post, "/api/users/me/password", phone.AccessToken,
                   new { currentPassword = Accounts.Password, newPassword = "Injera-with-shiro-7" })) change = r.StatusCode;
        var laptopAfter = (await accounts.RefreshAsync(laptop.RefreshToken)).Status;
        var (phoneAfter, phoneNext) = await accounts.RefreshAsync(phone.RefreshToken);

        using (var r = await accounts.Http.PostAsJsonAsync("/api/users/password/forgot", new { email })) forgot = r.StatusCode;
        var token = await accounts.LastEmailedTokenAsync(email, "users.password_reset_requested");
        using (var r = await accounts.Http.PostAsJsonAsync("/api/users/password/reset", new { token, newPassword = "Kitfo-and-ayib-99" })) reset = r.StatusCode;
        var phoneAfterReset = phoneNext is null ? default : (await accounts.RefreshAsync(phoneNext.RefreshToken)).Status;
        using (var r = await accounts.Http.PostAsJsonAsync("/api/users/sign-in", new { email, password = "Kitfo-and-ayib-99" })) newSignIn = r.StatusCode;
        using (var r = await accounts.Http.PostAsJsonAsync("/api/users/sign-in", new { email, password = "Injera-with-shiro-7" })) oldSignIn = r.StatusCode;

        using (var r = await accounts.Http.PostAsJsonAsync("/api/users/password/forgot", new { email = $"{Guid.NewGuid():N}@example.et" })) unknown = r.StatusCode;
        return new PasswordRun(change, laptopAfter, phoneAfter, forgot, reset, phoneAfterReset, newSignIn, oldSignIn, unknown);
    });
}
