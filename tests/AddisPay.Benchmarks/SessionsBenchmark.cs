using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

/// <summary>
/// What ending sessions everywhere costs: the latency of an authenticated request whose token carries a session id (checked
/// against the revocations every process holds) against the same request with a token that carries none (no check), in
/// alternated rounds on one Host; and how long after a sign-out the old access token is refused.
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- sessions [--rounds 5] [--requests 1000] [--revoked 40]
/// </summary>
internal static class SessionsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
        var rounds = Arg("--rounds", 5);
        var requests = Arg("--requests", 1000);
        var revokedSessions = Arg("--revoked", 40);
        var hostDll = BenchHost.BuildHost();
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-sessbench-{Guid.NewGuid():N}");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var children = new List<Process>();
        try
        {
            pg.EnsureDatabase("bench");
            var (host, port, _) = await BenchHost.StartAsync(hostDll, pg.ConnectionString("bench"), key, "all", children);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            const string password = "Bench-sessions-2026";
            var email = $"sessions-{Guid.NewGuid():N}@example.et";
            (await http.PostAsJsonAsync("/api/users/register", new { email, password, fullName = "Bench Sessions", phone = "0911234567" })).EnsureSuccessStatusCode();

            async Task<JsonElement> SignInAsync()
            {
                using var r = await http.PostAsJsonAsync("/api/users/sign-in", new { email, password });
                r.EnsureSuccessStatusCode();
                return await r.Content.ReadFromJsonAsync<JsonElement>();
            }

            // Revocations the process holds while it is measured: the set every request is checked against.
            for (var i = 0; i < revokedSessions; i++)
            {
                var pair = await SignInAsync();
                (await http.PostAsJsonAsync("/api/users/sign-out", new { refreshToken = pair.GetProperty("refreshToken").GetString() })).EnsureSuccessStatusCode();
            }

            var session = await SignInAsync();
            var withSession = session.GetProperty("accessToken").GetString()!;
            var claims = new JsonWebTokenHandler().ReadJsonWebToken(withSession);
            var withoutSession = Mint(key, claims.Subject, claims.Claims.Where(c => c.Type == "role").Select(c => c.Value));

            async Task<List<double>> TimeAsync(string token, int count)
            {
                var ms = new List<double>(count);
                for (var i = 0; i < count; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var sw = Stopwatch.StartNew();
                    using var r = await http.SendAsync(request);
                    if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET /api/users/me answered {(int)r.StatusCode}");
                    ms.Add(sw.Elapsed.TotalMilliseconds);
                }
                return ms;
            }

            await TimeAsync(withSession, 300);
            await TimeAsync(withoutSession, 300);
            var checkedMedians = new List<double>();
            var uncheckedMedians = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternated, and the order flipped every round, so drift on the machine falls on both sides.
                var first = round % 2 == 0;
                var a = await TimeAsync(first ? withSession : withoutSession, requests);
                var b = await TimeAsync(first ? withoutSession : withSession, requests);
                checkedMedians.Add(Median(first ? a : b));
                uncheckedMedians.Add(Median(first ? b : a));
                Console.Error.WriteLine($"round {round + 1}: with session id {checkedMedians[^1]:F3} ms, without {uncheckedMedians[^1]:F3} ms");
            }

            // Revocation delay: sign out, then ask with the old access token until it is refused.
            var delays = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var pair = await SignInAsync();
                var access = pair.GetProperty("accessToken").GetString()!;
                (await http.PostAsJsonAsync("/api/users/sign-out", new { refreshToken = pair.GetProperty("refreshToken").GetString() })).EnsureSuccessStatusCode();
                var sw = Stopwatch.StartNew();
                while (sw.Elapsed < TimeSpan.FromSeconds(30))
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
                    using var r = await http.SendAsync(request);
                    if (r.StatusCode == HttpStatusCode.Unauthorized) break;
                    await Task.Delay(10);
                }
                delays.Add(sw.Elapsed.TotalMilliseconds);
            }

            var ratios = checkedMedians.Zip(uncheckedMedians, (c, u) => c / u).ToList();
            Console.WriteLine($"""
                ### Sessions: the cost of checking revocations, and how soon a sign-out takes effect

                Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- sessions --rounds {rounds} --requests {requests} --revoked {revokedSessions}`
                Machine: {Environment.ProcessorCount} cores; PostgreSQL {BenchHost.PgVersion(pg.ConnectionString("bench"))} on loopback (fsync off). Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
                One Host with all modules; {revokedSessions} sessions revoked before measuring; {requests} sequential `GET /api/users/me` per side and round, one client, keep-alive.

                | token | median of round medians | rounds |
                |---|---|---|
                | with a session id (checked against the revocations) | {Median(checkedMedians):F3} ms | {string.Join(", ", checkedMedians.Select(m => m.ToString("F3")))} |
                | without one (no check; only tests mint these) | {Median(uncheckedMedians):F3} ms | {string.Join(", ", uncheckedMedians.Select(m => m.ToString("F3")))} |
                | ratio with / without | {Median(ratios):F3} | {string.Join(", ", ratios.Select(r => r.ToString("F3")))} |

                Sign-out to refusal of the old access token: median {Median(delays):F0} ms (runs: {string.Join(", ", delays.Select(d => d.ToString("F0")))} ms).
                """);
            BenchHost.Stop(host);
            return 0;
        }
        finally
        {
            foreach (var c in children) BenchHost.Stop(c);
            pg.Stop();
            try { Directory.Delete(dataDir, true); } catch (Exception) { }
        }
    }

    private static string Mint(string key, string subject, IEnumerable<string> roles) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "addispay", Audience = "addispay", Expires = DateTime.UtcNow.AddHours(1),
        Subject = new ClaimsIdentity([new Claim("sub", subject), .. roles.Select(r => new Claim("role", r))]),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)) { KeyId = "bench" }, SecurityAlgorithms.HmacSha256)
    });

    private static double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
}
