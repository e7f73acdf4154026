using System.Net.Http.Headers;
using AddisPay.Users.Domain;
using Npgsql;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// Drives the Users module over HTTP as a storefront would, and reads the emails it asked Notifications to send. Without a
/// connection string it reads from the database that serves <paramref name="http"/> (<see cref="Databases"/>).
/// </summary>
public sealed class Accounts(HttpClient http, string connectionString)
{
    public const string Password = "Teff-and-coffee-42";

    public HttpClient Http { get; } = http;

    private string Database => string.IsNullOrEmpty(connectionString) ? Databases.Of(Http) : connectionString;

    /// <summary>
    /// Registers and confirms the address with the emailed link, as a customer who reads their email: an account that may
    /// place orders. Use <see cref="RegisterUnverifiedAsync"/> for one that has not confirmed yet.
    /// </summary>
    public async Task<Guid> RegisterAsync(string email, string password = Password, string fullName = "Abebe Kebede", string? phone = "0911234567")
    {
        var id = await RegisterUnverifiedAsync(email, password, fullName, phone);
        await VerifyEmailAsync(email);
        return id;
    }

    /// <summary>Registers without confirming the address; the id is read from the database, since the answer carries none.</summary>
    public async Task<Guid> RegisterUnverifiedAsync(string email, string password = Password, string fullName = "Abebe Kebede", string? phone = "0911234567")
    {
        using var r = await Http.PostAsJsonAsync("/api/users/register", new { email, password, fullName, phone, preferredLanguage = "am" });
        await Shop.Expect(r, HttpStatusCode.Accepted);
        return await UserIdAsync(email);
    }

    public async Task VerifyEmailAsync(string email)
    {
        var token = await LastEmailedTokenAsync(email, "users.email_verification_requested");
        using var r = await Http.PostAsJsonAsync("/api/users/verify-email", new { token });
        await Shop.Expect(r, HttpStatusCode.NoContent);
    }

    public async Task<Guid> UserIdAsync(string email)
    {
        await using var conn = new NpgsqlConnection(Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""select "Id" from users.accounts where "NormalizedEmail" = lower(@email)""", conn);
        cmd.Parameters.AddWithValue("email", email.Trim());
        return (Guid?)await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No account for {email}");
    }

    public async Task<TokenPair> SignInAsync(string email, string password = Password, Guid? cartId = null)
    {
        using var r = await Http.PostAsJsonAsync("/api/users/sign-in", new { email, password, cartId });
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<TokenPair>())!;
    }

    public async Task<(Guid Id, TokenPair Tokens)> NewCustomerAsync(string? email = null)
    {
        email ??= $"{Guid.NewGuid():N}@example.et";
        var id = await RegisterAsync(email);
        return (id, await SignInAsync(email));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    /// <summary>The token of the newest email of <paramref name="eventType"/> sent to <paramref name="email"/>, read from the event log.</summary>
    public async Task<string> LastEmailedTokenAsync(string email, string eventType)
    {
        await using var conn = new NpgsqlConnection(Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select coalesce(data->>'Token', data->>'token') from events.mt_events
            where type = @type and lower(coalesce(data->>'Email', data->>'email')) = lower(@email)
            order by seq_id desc limit 1
            """, conn);
        cmd.Parameters.AddWithValue("type", eventType);
        cmd.Parameters.AddWithValue("email", email);
        return (string?)await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No {eventType} for {email}");
    }
}
