namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// One customer's account from registration to deletion over HTTP, run once on the platform for the classes of the use cases
/// it passes through (verify, profile, update, addresses, export, delete): registered unverified (phone 0911234567,
/// Amharic), verified with the emailed token and then with it again, signed in, profile read and updated, two addresses
/// added (the second as default) and a malformed one refused, the default deleted, a cart filled, the account exported and
/// deleted.
/// </summary>
public sealed record AccountLifeRun(
    Guid Id, string Email, HttpStatusCode VerifyAnswer, HttpStatusCode VerifyAgainAnswer, JsonElement Me,
    HttpStatusCode UpdateAnswer, JsonElement Updated, Guid Home, Guid Office, JsonElement ProfileWithTwoAddresses,
    HttpStatusCode MalformedAddressAnswer, JsonElement MalformedAddressProblem, HttpStatusCode DeleteDefaultAnswer, JsonElement ProfileAfterDelete,
    string ProductSku, string RefreshToken, string Export,
    HttpStatusCode DeleteAnswer, HttpStatusCode SignInAfterDelete, HttpStatusCode RefreshAfterDelete, long PersonalRowsAfterDelete, long DeletedEvents)
{
    public static Task<AccountLifeRun> OnAsync(AllModulesPlatform platform) => platform.ArrangedAsync(async p =>
    {
        var accounts = p.Accounts();
        var email = $"abebe-{Guid.NewGuid():N}@example.et";
        var id = await accounts.RegisterUnverifiedAsync(email);

        var token = await accounts.LastEmailedTokenAsync(email, "users.email_verification_requested");
        HttpStatusCode verify, verifyAgain;
        using (var ok = await accounts.SendAsync(HttpMethod.Post, "/api/users/verify-email", null, new { token })) verify = ok.StatusCode;
        using (var again = await accounts.SendAsync(HttpMethod.Post, "/api/users/verify-email", null, new { token })) verifyAgain = again.StatusCode;

        var session = await accounts.SignInAsync(email);
        var me = await accounts.ProfileAsync(session.AccessToken);

        HttpStatusCode updateAnswer;
        JsonElement updated;
        using (var update = await accounts.SendAsync(HttpMethod.Put, "/api/users/me", session.AccessToken,
                   new { fullName = "Abebe K.", phone = "+251 722 123 456", preferredLanguage = "en", notifyOrderUpdates = true, notifyPromotions = true }))
            (updateAnswer, updated) = (update.StatusCode, await update.Content.ReadFromJsonAsync<JsonElement>());

        var home = await accounts.AddAddressAsync(session.AccessToken, "Home", isDefault: false);
        var office = await accounts.AddAddressAsync(session.AccessToken, "Office", isDefault: true);
        var withTwo = await accounts.ProfileAsync(session.AccessToken);
        HttpStatusCode malformed;
        JsonElement problem;
        using (var bad = await accounts.SendAsync(HttpMethod.Post, "/api/users/me/addresses", session.AccessToken,
                   new { label = "X", recipient = "Abebe", phone = "12345", region = "Atlantis", city = "Addis Ababa", details = "Bole" }))
            (malformed, problem) = (bad.StatusCode, await bad.Content.ReadFromJsonAsync<JsonElement>());
        HttpStatusCode deleteDefault;
        using (var del = await accounts.SendAsync(HttpMethod.Delete, $"/api/users/me/addresses/{office}", session.AccessToken)) deleteDefault = del.StatusCode;
        var afterDelete = await accounts.ProfileAsync(session.AccessToken);

        var product = await p.Factory.Shop().CreateProductAsync($"EXP-{Guid.NewGuid():N}"[..14], 42m);
        var cart = await (await accounts.SendAsync(HttpMethod.Get, "/api/cart/mine", session.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        (await accounts.SendAsync(HttpMethod.Post, $"/api/cart/{cart.GetProperty("id").GetGuid()}/items", session.AccessToken, new { productId = product.Id, quantity = 2 })).Dispose();
        string export;
        using (var r = await accounts.SendAsync(HttpMethod.Get, "/api/users/me/export", session.AccessToken)) export = await r.Content.ReadAsStringAsync();

        HttpStatusCode deleted, signIn, refresh;
        using (var gone = await accounts.SendAsync(HttpMethod.Delete, "/api/users/me", session.AccessToken)) deleted = gone.StatusCode;
        using (var r = await accounts.Http.PostAsJsonAsync("/api/users/sign-in", new { email, password = Infrastructure.Accounts.Password })) signIn = r.StatusCode;
        using (var r = await accounts.Http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken = session.RefreshToken })) refresh = r.StatusCode;
        var personal = await Scenarios.PriceChangeScenario.CountAsync(p.Factory.ConnectionString,
            $"select count(*) from users.accounts where lower(\"Email\") = lower('{email}') or \"FullName\" = 'Abebe K.'");
        var events = await Scenarios.PriceChangeScenario.CountAsync(p.Factory.ConnectionString,
            $"select count(*) from events.mt_events where type = 'users.user_deleted' and stream_id = '{id}'");

        return new AccountLifeRun(id, email, verify, verifyAgain, me, updateAnswer, updated, home, office, withTwo, malformed, problem,
            deleteDefault, afterDelete, product.Sku, session.RefreshToken, export, deleted, signIn, refresh, personal, events);
    });
}
