using System.Text.RegularExpressions;

/// <summary>
/// What Npgsql's automatic preparation was worth on the reads that don't prepare explicitly, now that module connections
/// run without it (docs/security.md: a failed Bind left a prepared statement without its row description). Two Hosts on
/// one seeded database, one with the module defaults and one with `Max Auto Prepare=100;Auto Prepare Min Usages=2` in its
/// connection string; wrk windows alternate between them with the idle one paused (SIGSTOP).
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- autoprepare [--products 20000] [--rounds 3] [--seconds 5]
/// </summary>
internal static class AutoPrepareBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
        var products = Arg("--products", 20_000);
        var rounds = Arg("--rounds", 3);
        var seconds = Arg("--seconds", 5);
        var hostDll = BenchHost.BuildHost();
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-prepbench-{Guid.NewGuid():N}");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var children = new List<Process>();
        try
        {
            pg.EnsureDatabase("prepbench");
            var db = pg.ConnectionString("prepbench");
            var (seeder, _, _) = await BenchHost.StartAsync(hostDll, db, key, "products", children,
                new() { ["AddisPay__DemoData"] = "true", ["AddisPay__Products__DemoProducts"] = products.ToString() }, TimeSpan.FromMinutes(30));
            BenchHost.Stop(seeder);
            // As the catalogue benchmark does: Search starts at the end of the log and is rebuilt by a reindex.
            await using (var conn = new Npgsql.NpgsqlConnection(db))
            {
                await conn.OpenAsync();
                await using var skip = new Npgsql.NpgsqlCommand("insert into events.mt_event_progression (name, last_seq_id) select 'search-inbox:All', max(seq_id) from events.mt_events on conflict (name) do update set last_seq_id = excluded.last_seq_id", conn);
                await skip.ExecuteNonQueryAsync();
            }
            var (plain, plainPort, _) = await BenchHost.StartAsync(hostDll, db, key, "products,search", children);
            using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{plainPort}"), Timeout = TimeSpan.FromMinutes(30) })
            using (var reindex = new HttpRequestMessage(HttpMethod.Post, "/api/search/reindex"))
            {
                reindex.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchHost.AdminToken(key));
                (await http.SendAsync(reindex)).EnsureSuccessStatusCode();
            }
            Console.Error.WriteLine($"seeded and indexed {products} products");
            var (prepared, preparedPort, _) = await BenchHost.StartAsync(hostDll, db + ";Max Auto Prepare=100;Auto Prepare Min Usages=2", key, "products,search", children);
            string slug;
            using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{plainPort}") })
                slug = JsonDocument.Parse(await http.GetStringAsync("/api/products?pageSize=1&page=50")).RootElement.GetProperty("items")[0].GetProperty("slug").GetString()!;

            var endpoints = new[] { ("list page", "/api/products?pageSize=20&page=3"), ("search", "/api/search?q=coffee"), ("product detail", $"/api/products/{slug}") };
            var results = endpoints.ToDictionary(e => e.Item1, _ => (Plain: new List<double>(), Prepared: new List<double>()));
            foreach (var (_, path) in endpoints) { Wrk(plainPort, path, 2); Wrk(preparedPort, path, 2); }
            for (var round = 0; round < rounds; round++)
                foreach (var (name, path) in endpoints)
                {
                    var order = round % 2 == 0 ? new[] { false, true } : [true, false];
                    foreach (var withPrepare in order)
                    {
                        var (run, idle, port) = withPrepare ? (prepared, plain, preparedPort) : (plain, prepared, plainPort);
                        BenchHost.Pause(idle);
                        var rps = Wrk(port, path, seconds);
                        BenchHost.Resume(idle);
                        (withPrepare ? results[name].Prepared : results[name].Plain).Add(rps);
                        Console.Error.WriteLine($"round {round + 1} {name} {(withPrepare ? "auto-prepare" : "module default")}: {rps:N0}/s");
                    }
                }

            Console.WriteLine($"""
                ### Automatic preparation off: what it costs the reads that don't prepare explicitly

                Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- autoprepare --products {products} --rounds {rounds} --seconds {seconds}`
                Machine: {Environment.ProcessorCount} cores; PostgreSQL {BenchHost.PgVersion(db)} on loopback (fsync off). Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
                Two Hosts (products, search) on one database of {products:N0} products; `wrk -t1 -c16 -d{seconds}s` windows alternated, the idle Host paused.

                | request | module default (no auto-prepare), req/s | auto-prepare, req/s | ratio default / auto-prepare (median of rounds) |
                |---|---|---|---|
                {string.Join("\n", results.Select(r => $"| {r.Key} | {Median(r.Value.Plain):N0} ({string.Join(", ", r.Value.Plain.Select(x => x.ToString("N0")))}) | {Median(r.Value.Prepared):N0} ({string.Join(", ", r.Value.Prepared.Select(x => x.ToString("N0")))}) | {Median(r.Value.Plain.Zip(r.Value.Prepared, (a, b) => a / b).ToList()):F2} |"))}
                """);
            BenchHost.Stop(plain);
            BenchHost.Stop(prepared);
            return 0;
        }
        finally
        {
            foreach (var c in children) BenchHost.Stop(c);
            pg.Stop();
            try { Directory.Delete(dataDir, true); } catch (Exception) { }
        }
    }

    private static double Wrk(int port, string path, int seconds)
    {
        var psi = new ProcessStartInfo("wrk", ["-t1", "-c16", $"-d{seconds}s", $"http://127.0.0.1:{port}{path}"]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var m = Regex.Match(output, @"Requests/sec:\s+([0-9.]+)");
        if (!m.Success) throw new InvalidOperationException("wrk printed no rate: " + output);
        if (Regex.IsMatch(output, "Non-2xx")) throw new InvalidOperationException("wrk saw errors: " + output);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
}
