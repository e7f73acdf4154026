using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Users.Domain;
using Xunit;

namespace AddisPay.IntegrationTests.Users;

/// <summary>The account life cycle over HTTP: register, verify, sign in, keep a session, change and reset passwords, leave.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class UserAccountTests(AllModulesPlatform platform)
{
    private readonly Accounts _accounts = new(platform.Factory.CreateClient(), platform.Factory.ConnectionString);

    [Fact]
    public async Task A_customer_registers_verifies_keeps_a_profile_and_addresses_exports_and_deletes_the_account()
    {
        var email = $"abebe-{Guid.NewGuid():N}@example.et";
        var id = await _accounts.RegisterUnverifiedAsync(email);

        // Verify with the emailed token; a second use of the same link is refused.
        var token = await _accounts.LastEmailedTokenAsync(email, "users.email_verification_requested");
        using (var ok = await _accounts.SendAsync(HttpMethod.Post, "/api/users/verify-email", null, new { token })) Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        using (var again = await _accounts.SendAsync(HttpMethod.Post, "/api/users/verify-email", null, new { token })) Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var session = await _accounts.SignInAsync(email);
        var me = await (await _accounts.SendAsync(HttpMethod.Get, "/api/users/me", session.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, me.GetProperty("id").GetGuid());
        Assert.True(me.GetProperty("emailVerified").GetBoolean());
        Assert.Equal("+251911234567", me.GetProperty("phone").GetString());
        Assert.Equal("am", me.GetProperty("preferredLanguage").GetString());
        Assert.False(me.GetProperty("notifyPromotions").GetBoolean()); // promotions are opt-in

        using (var update = await _accounts.SendAsync(HttpMethod.Put, "/api/users/me", session.AccessToken,
                   new { fullName = "Abebe K.", phone = "+251 722 123 456", preferredLanguage = "en", notifyOrderUpdates = true, notifyPromotions = true }))
        {
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            var updated = await update.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("+251722123456", updated.GetProperty("phone").GetString());
        }

        // Addresses: the first is the default; a new default replaces it; deleting the default promotes another.
        var home = await AddAddressAsync(session.AccessToken, "Home", isDefault: false);
        var office = await AddAddressAsync(session.AccessToken, "Office", isDefault: true);
        var profile = await (await _accounts.SendAsync(HttpMethod.Get, "/api/users/me", session.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        var addresses = profile.GetProperty("addresses").EnumerateArray().ToList();
        Assert.Equal(2, addresses.Count);
        Assert.Equal(office, addresses.Single(a => a.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetGuid());
        using (var bad = await _accounts.SendAsync(HttpMethod.Post, "/api/users/me/addresses", session.AccessToken,
                   new { label = "X", recipient = "Abebe", phone = "12345", region = "Atlantis", city = "Addis Ababa", details = "Bole" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty("phone", out _));
            Assert.True(errors.TryGetProperty("region", out _));
        }
        using (var del = await _accounts.SendAsync(HttpMethod.Delete, $"/api/users/me/addresses/{office}", session.AccessToken)) Assert.Equal(HttpStatusCode.NoContent, del.StatusCode);
        profile = await (await _accounts.SendAsync(HttpMethod.Get, "/api/users/me", session.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(home, Assert.Single(profile.GetProperty("addresses").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.True(profile.GetProperty("addresses")[0].GetProperty("isDefault").GetBoolean());

        // Export holds the profile, addresses, sessions and the cart (from the Cart module), but no secrets.
        var product = await platform.Factory.Shop().CreateProductAsync($"EXP-{Guid.NewGuid():N}"[..14], 42m);
        var cart = await (await _accounts.SendAsync(HttpMethod.Get, "/api/cart/mine", session.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        (await _accounts.SendAsync(HttpMethod.Post, $"/api/cart/{cart.GetProperty("id").GetGuid()}/items", session.AccessToken, new { productId = product.Id, quantity = 2 })).Dispose();
        using var export = await _accounts.SendAsync(HttpMethod.Get, "/api/users/me/export", session.AccessToken);
        var exportText = await export.Content.ReadAsStringAsync();
        Assert.Contains(email, exportText);
        Assert.Contains("Home", exportText);
        Assert.Contains("sessions", exportText);
        Assert.Contains(product.Sku, exportText);
        Assert.DoesNotContain("AQAAAA", exportText); // Identity v3 hash prefix
        Assert.DoesNotContain(session.RefreshToken, exportText);

        // Delete: personal data is gone, the session ends, sign-in fails, and other modules are told.
        using (var gone = await _accounts.SendAsync(HttpMethod.Delete, "/api/users/me", session.AccessToken)) Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        using (var signIn = await _accounts.Http.PostAsJsonAsync("/api/users/sign-in", new { email, password = Accounts.Password })) Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        using (var refresh = await _accounts.Http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken = session.RefreshToken })) Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from users.accounts where lower(\"Email\") = lower('{email}') or \"FullName\" = 'Abebe K.'"));
        Assert.Equal(1, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from events.mt_events where type = 'users.user_deleted' and stream_id = '{id}'"));
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_and_a_refresh_gets_a_new_one()
    {
        using var factory = new PlatformFactory("users", new() { ["AddisPay:Auth:AccessTokenLifetime"] = "00:00:01", ["AddisPay:Auth:ClockSkew"] = "00:00:00" });
        var accounts = new Accounts(factory.CreateClient(), factory.ConnectionString);
        var (_, session) = await accounts.NewCustomerAsync();
        Assert.Equal(1, session.ExpiresIn);
        await Task.Delay(1500);
        using (var expired = await accounts.SendAsync(HttpMethod.Get, "/api/users/me", session.AccessToken)) Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        using var refresh = await accounts.Http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken = session.RefreshToken });
        var next = (await refresh.Content.ReadFromJsonAsync<TokenPair>())!;
        using var fresh = await accounts.SendAsync(HttpMethod.Get, "/api/users/me", next.AccessToken);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task A_bootstrap_admin_becomes_admin_once_the_email_is_verified()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.et";
        using var factory = new PlatformFactory("users", new() { ["AddisPay:Users:BootstrapAdmins:0"] = email.ToUpperInvariant() });
        var accounts = new Accounts(factory.CreateClient(), factory.ConnectionString);
        await accounts.RegisterUnverifiedAsync(email);
        using (var before = await accounts.SendAsync(HttpMethod.Get, "/api/users", (await accounts.SignInAsync(email)).AccessToken))
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        var token = await accounts.LastEmailedTokenAsync(email, "users.email_verification_requested");
        (await accounts.Http.PostAsJsonAsync("/api/users/verify-email", new { token })).Dispose();
        using var after = await accounts.SendAsync(HttpMethod.Get, "/api/users", (await accounts.SignInAsync(email)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Registration_refuses_weak_passwords_and_bad_phones_and_creates_nothing()
    {
        var weakEmail = $"{Guid.NewGuid():N}@example.et";
        using (var weak = await _accounts.Http.PostAsJsonAsync("/api/users/register", new { email = weakEmail, password = "short1", fullName = "Almaz" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
            Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        }
        var phoneEmail = $"{Guid.NewGuid():N}@example.et";
        using (var phone = await _accounts.Http.PostAsJsonAsync("/api/users/register", new { email = phoneEmail, password = Accounts.Password, fullName = "Almaz", phone = "+1 555 0100" }))
            Assert.Equal(HttpStatusCode.BadRequest, phone.StatusCode);
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from users.accounts where \"NormalizedEmail\" in ('{weakEmail}', '{phoneEmail}')"));
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_reused_one_ends_the_whole_session()
    {
        var (_, first) = await _accounts.NewCustomerAsync();
        var second = await RefreshAsync(first.RefreshToken, HttpStatusCode.OK);
        Assert.NotEqual(first.RefreshToken, second!.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        var third = await RefreshAsync(second.RefreshToken, HttpStatusCode.OK);

        // The spent first token comes back (stolen, replayed): the session, including the newest token, is revoked.
        await RefreshAsync(first.RefreshToken, HttpStatusCode.Unauthorized);
        await RefreshAsync(third!.RefreshToken, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_revokes_the_session()
    {
        var (_, session) = await _accounts.NewCustomerAsync();
        using (var r = await _accounts.Http.PostAsJsonAsync("/api/users/sign-out", new { refreshToken = session.RefreshToken })) Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        await RefreshAsync(session.RefreshToken, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admin_lock_ends_sessions_at_once()
    {
        var (id, session) = await _accounts.NewCustomerAsync();
        using (var lockIt = await _accounts.SendAsync(HttpMethod.Post, $"/api/users/{id}/lock", Tokens.Admin())) Assert.Equal(HttpStatusCode.OK, lockIt.StatusCode);
        await RefreshAsync(session.RefreshToken, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Password_reset_by_emailed_token_ends_every_session_and_change_keeps_only_the_current_one()
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        await _accounts.RegisterAsync(email);
        var laptop = await _accounts.SignInAsync(email);
        var phone = await _accounts.SignInAsync(email);

        // Change on the phone: the laptop session ends, the phone's stays.
        using (var change = await _accounts.SendAsync(HttpMethod.Post, "/api/users/me/password", phone.AccessToken,
                   new { currentPassword = Accounts.Password, newPassword = "Injera-with-shiro-7" })) Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        await RefreshAsync(laptop.RefreshToken, HttpStatusCode.Unauthorized);
        var phoneNext = await RefreshAsync(phone.RefreshToken, HttpStatusCode.OK);

        // Forgot, then reset with the emailed token: every session ends, the new password works.
        using (var forgot = await _accounts.Http.PostAsJsonAsync("/api/users/password/forgot", new { email })) Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        var token = await _accounts.LastEmailedTokenAsync(email, "users.password_reset_requested");
        using (var reset = await _accounts.Http.PostAsJsonAsync("/api/users/password/reset", new { token, newPassword = "Kitfo-and-ayib-99" })) Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await RefreshAsync(phoneNext!.RefreshToken, HttpStatusCode.Unauthorized);
        await _accounts.SignInAsync(email, "Kitfo-and-ayib-99");
        using (var old = await _accounts.Http.PostAsJsonAsync("/api/users/sign-in", new { email, password = "Injera-with-shiro-7" })) Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);

        // Unknown emails get the same answer, so the endpoint can't be used to find accounts.
        using var unknown = await _accounts.Http.PostAsJsonAsync("/api/users/password/forgot", new { email = $"{Guid.NewGuid():N}@example.et" });
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
    }

    [Fact]
    public async Task Verification_emails_are_limited_to_three_an_hour_per_address()
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        await _accounts.RegisterUnverifiedAsync(email); // the registration's own email is not counted
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            using (var r = await _accounts.Http.PostAsJsonAsync("/api/users/verify-email/resend", new { email }))
            {
                statuses.Add(r.StatusCode);
                if (r.StatusCode == HttpStatusCode.TooManyRequests) Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(59));
            }
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from events.mt_events where type = 'users.email_verification_requested' and coalesce(data->>'Email', data->>'email') = '{email}'") - 1);
    }

    [Fact]
    public async Task A_customer_cannot_touch_another_customers_address()
    {
        var (_, alice) = await _accounts.NewCustomerAsync();
        var (_, bekele) = await _accounts.NewCustomerAsync();
        var aliceHome = await AddAddressAsync(alice.AccessToken, "Home", isDefault: true);
        using (var edit = await _accounts.SendAsync(HttpMethod.Put, $"/api/users/me/addresses/{aliceHome}", bekele.AccessToken, AddressBody("Hacked", false)))
            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        using (var delete = await _accounts.SendAsync(HttpMethod.Delete, $"/api/users/me/addresses/{aliceHome}", bekele.AccessToken))
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var bekeleProfile = await (await _accounts.SendAsync(HttpMethod.Get, "/api/users/me", bekele.AccessToken)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(aliceHome.ToString(), bekeleProfile);
    }

    [Fact]
    public async Task Admins_assign_roles_and_the_next_token_carries_them()
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        var id = await _accounts.RegisterAsync(email);
        using (var assign = await _accounts.SendAsync(HttpMethod.Put, $"/api/users/{id}/roles", Tokens.Admin(), new { roles = new[] { "customer", "support" } }))
            Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        using (var bad = await _accounts.SendAsync(HttpMethod.Put, $"/api/users/{id}/roles", Tokens.Admin(), new { roles = new[] { "root" } }))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var session = await _accounts.SignInAsync(email);
        var payload = JsonDocument.Parse(Base64Url(session.AccessToken.Split('.')[1])).RootElement;
        Assert.Equal(["customer", "support"], payload.GetProperty("role").EnumerateArray().Select(r => r.GetString()!).Order().ToArray());
        Assert.True(session.ExpiresIn <= 15 * 60, "access tokens are short-lived");

        var list = await (await _accounts.SendAsync(HttpMethod.Get, $"/api/users?search={email}", Tokens.Admin())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    private async Task<TokenPair?> RefreshAsync(string refreshToken, HttpStatusCode expected)
    {
        using var r = await _accounts.Http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken });
        await Shop.Expect(r, expected);
        return expected == HttpStatusCode.OK ? await r.Content.ReadFromJsonAsync<TokenPair>() : null;
    }

    private static object AddressBody(string label, bool isDefault) => new
    {
        label, recipient = "Abebe Kebede", phone = "0911234567", region = "Addis Ababa", city = "Addis Ababa",
        subCity = "Bole", woreda = "03", details = "Near Edna Mall, house 12", isDefault
    };

    private async Task<Guid> AddAddressAsync(string token, string label, bool isDefault)
    {
        using var r = await _accounts.SendAsync(HttpMethod.Post, "/api/users/me/addresses", token, AddressBody(label, isDefault));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static byte[] Base64Url(string s) => Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
}
