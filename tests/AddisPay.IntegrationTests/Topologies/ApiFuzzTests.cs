using Npgsql;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Topologies;

/// <summary>
/// Every operation of the OpenAPI document, as an anonymous visitor, a customer and an admin, with seeded plausible and
/// hostile inputs (<see cref="OpenApiFuzzer"/>). No answer is a 5xx, every error is problem+json, and a refused request
/// leaves its module's tables as they were. ADDISPAY_FUZZ_CASES and ADDISPAY_FUZZ_SEED run it deeper or elsewhere.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = TestPostgres.CreateDatabase("fuzz");
    private HostProcess _host = null!;
    private HttpClient _http = null!;
    private readonly Dictionary<string, string> _known = new(StringComparer.OrdinalIgnoreCase);
    private string _customerToken = null!;

    public async Task InitializeAsync()
    {
        // A real Kestrel, so that what it refuses before the application runs (a NUL in the path) is part of the test.
        _host = await HostProcess.StartAsync("all", _database);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var shop = new Shop(_http, _http);
        var product = await shop.CreateProductAsync("FUZZ-1", 450m);
        var cart = await shop.CreateCartAsync();
        var (customerId, tokens) = await new Accounts(_http, _database).NewCustomerAsync();
        _customerToken = tokens.AccessToken;
        foreach (var name in new[] { "id", "productId", "idOrSlug" }) _known[name] = product.Id.ToString();
        _known["slug"] = product.Slug;
        _known["cartId"] = cart.Id.ToString();
        _known["userId"] = customerId.ToString();
        _known["sku"] = "FUZZ-1";
    }

    public async Task DisposeAsync()
    {
        var errors = _host.Output.Split('\n').Where(l => l.Contains("\"log.level\":\"error\"")).Take(20).ToList();
        if (errors.Count > 0) output.WriteLine("--- errors the Host logged ---\n" + string.Join('\n', errors));
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task No_operation_answers_a_server_error_or_writes_when_it_refuses_for_any_caller_and_input()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ADDISPAY_FUZZ_SEED"), out var s) ? s : 20261205;
        var cases = int.TryParse(Environment.GetEnvironmentVariable("ADDISPAY_FUZZ_CASES"), out var c) ? c : 6;
        var document = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var fuzzer = new OpenApiFuzzer(document, _known, seed);
        var operations = fuzzer.Operations();
        var callers = new[] { "anonymous", "customer", "admin" };
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        var kestrel = 0;

        foreach (var operation in operations)
        foreach (var caller in callers)
        for (var i = 0; i < cases; i++)
        {
            var token = caller switch { "customer" => _customerToken, "admin" => Tokens.Admin(), _ => null };
            var @case = fuzzer.Next(operation, token);
            var before = await TablesOfAsync(operation.Module);
            using var response = await _http.SendAsync(@case.Request);
            sent++;
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            @case.Request.Dispose();
            if (status >= 500)
                failures.Add($"{caller} {@case.Description} -> {status}: {Shorten(body)}");
            else if (RefusedByKestrel(response, body))
                kestrel++;
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{caller} {@case.Description} -> {status} without problem+json ({response.Content.Headers.ContentType?.MediaType ?? "no body"})");
            else if (status >= 400 && await TablesOfAsync(operation.Module) is var after && after != before)
                failures.Add($"{caller} {@case.Description} -> {status} but wrote: {Difference(before, after)}");
            // A generated sign-out, password change or account deletion ends the customer's session: go on as a new one.
            if (caller == "customer" && response.StatusCode == HttpStatusCode.Unauthorized) _customerToken = await NewCustomerAsync();
        }

        output.WriteLine($"seed {seed}: {operations.Count} operations x {callers.Length} callers x {cases} cases = {sent} requests");
        output.WriteLine($"refused by Kestrel before the application (no body): {kestrel}");
        output.WriteLine("statuses: " + string.Join(", ", statuses.Select(kv => $"{kv.Key}: {kv.Value}")));
        foreach (var f in failures) output.WriteLine(f);
        foreach (var kind in failures.Select(Signature).Distinct().Order()) output.WriteLine("kind: " + kind);
        Assert.True(operations.Count >= 80, $"the document lists {operations.Count} operations");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed the properties:\n" + string.Join('\n', failures.Take(40)));
    }

    private async Task<string> NewCustomerAsync() => (await new Accounts(_http, _database).NewCustomerAsync()).Tokens.AccessToken;

    /// <summary>
    /// Kestrel answers a request line it can't take (longer than its limit: 414; a NUL in the decoded path: 400; headers too
    /// large: 431) itself, before any middleware, with an empty body and a closed connection: nothing of the application ran,
    /// so nothing could be written, and there is no hook to give that answer a body (docs/security.md).
    /// </summary>
    private static bool RefusedByKestrel(HttpResponseMessage response, string body) =>
        (int)response.StatusCode is 400 or 414 or 431 && body.Length == 0 && response.Headers.ConnectionClose == true;

    /// <summary>Tables that record refusals by design: failed sign-ins slowing an address down, unverified webhook counts.</summary>
    private static readonly string[] RefusalRecords = ["address_throttles", "unverified_webhooks"];

    /// <summary>Row counts of the module's own tables (its inbox bookkeeping aside: events handled meanwhile are not the request's writes).</summary>
    private async Task<string> TablesOfAsync(string module)
    {
        await using var conn = new NpgsqlConnection(_database);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            select table_name from information_schema.tables
             where table_schema = $1 and table_type = 'BASE TABLE' and table_name not like 'inbox%' and table_name not like '\_\_%'
             order by table_name
            """, conn) { Parameters = { new() { Value = module } } })
        await using (var r = await list.ExecuteReaderAsync())
            while (await r.ReadAsync())
                if (!RefusalRecords.Contains(r.GetString(0))) tables.Add(r.GetString(0));
        if (tables.Count == 0) return "";
        var counts = string.Join(" || ',' || ", tables.Select(t => $"'{t}=' || (select count(*) from \"{module}\".\"{t}\")"));
        await using var count = new NpgsqlCommand($"select {counts}", conn);
        return (string)(await count.ExecuteScalarAsync())!;
    }

    private static string Difference(string before, string after) =>
        string.Join(", ", after.Split(',').Except(before.Split(',')));

    /// <summary>The failure without its generated values: caller, method, the operation's first path segments and the status.</summary>
    private static string Signature(string failure)
    {
        var parts = failure.Split(' ');
        var path = string.Join('/', parts[3].Split('?')[0].Split('/').Take(4).Select(p => p.Length > 40 ? p[..40] + "…" : p));
        var status = failure.Split(" -> ").Last().Split(' ')[0].TrimEnd(':');
        return $"{parts[2]} {path} -> {status}";
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
