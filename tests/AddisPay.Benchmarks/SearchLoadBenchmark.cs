using Npgsql;

/// <summary>
/// Search under concurrency: N products (100,000 by default, seeded by the demo seeder and indexed by a reindex, or an
/// existing database of them with <c>--connection</c>), three <c>search</c> Hosts of the same build: whole answers kept per
/// query until the index changes (the defaults), facets kept but hits run every search (<c>AddisPay:Search:CacheAnswers</c>
/// false), and every match counted on every search (<c>CacheFacets</c> false too: the path before). For each query ("coffee", "yirgachefe", the misspelling "cofee") and each side,
/// windows at 16 connections and at one connection, sides alternated (each round starts one side later), the idle
/// Hosts paused (SIGSTOP). Prints medians of the windows: requests/s and p50/p95/p99, and the ratio to the counting side.
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- search-load [--products 100000] [--rounds 3]
///        [--seconds 10] [--connection "Host=...;Database=..."]
/// </summary>
internal static class SearchLoadBenchmark
{
    private static readonly string[] Queries = ["coffee", "yirgachefe", "cofee"];

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
        var products = Arg("--products", 100_000);
        var rounds = Arg("--rounds", 3);
        var seconds = Arg("--seconds", 10);
        var at = Array.IndexOf(args, "--connection");
        var given = at >= 0 ? args[at + 1] : null;
        var host = BenchHost.BuildHost();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var children = new List<Process>();
        LocalPostgres? pg = null;
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-searchload-{Guid.NewGuid():N}");
        try
        {
            string db;
            if (given is null)
            {
                pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
                pg.EnsureDatabase("searchload");
                db = pg.ConnectionString("searchload");
                var seed = Stopwatch.StartNew();
                var (seeder, _, _) = await BenchHost.StartAsync(host, db, key, "products", children,
                    new() { ["AddisPay__DemoData"] = "true", ["AddisPay__Products__DemoProducts"] = products.ToString() }, TimeSpan.FromMinutes(60));
                Console.Error.WriteLine($"seeded {products} products in {seed.Elapsed.TotalSeconds:F0} s");
                BenchHost.Stop(seeder);
                await ExecAsync(db, "insert into events.mt_event_progression (name, last_seq_id) select 'search-inbox:All', max(seq_id) from events.mt_events on conflict (name) do update set last_seq_id = excluded.last_seq_id");
                var (indexer, indexerPort, _) = await BenchHost.StartAsync(host, db, key, "products,search", children, readyWithin: TimeSpan.FromMinutes(2));
                using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{indexerPort}"), Timeout = TimeSpan.FromHours(1) })
                using (var r = new HttpRequestMessage(HttpMethod.Post, "/api/search/reindex"))
                {
                    r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchHost.AdminToken(key));
                    (await http.SendAsync(r)).EnsureSuccessStatusCode();
                }
                BenchHost.Stop(indexer);
                foreach (var table in new[] { "search.documents", "search.entries", "search.lexicon" }) await ExecAsync(db, $"vacuum analyze {table}");
            }
            else db = given;
            var indexed = await ScalarAsync(db, "select count(*) from search.entries");

            var (answers, answersPort, _) = await BenchHost.StartAsync(host, db, key, "search", children, readyWithin: TimeSpan.FromMinutes(2));
            var (kept, keptPort, _) = await BenchHost.StartAsync(host, db, key, "search", children,
                new() { ["AddisPay__Search__CacheAnswers"] = "false" }, TimeSpan.FromMinutes(2));
            var (counted, countedPort, _) = await BenchHost.StartAsync(host, db, key, "search", children,
                new() { ["AddisPay__Search__CacheFacets"] = "false", ["AddisPay__Search__CacheAnswers"] = "false" }, TimeSpan.FromMinutes(2));
            var sides = new (string Name, Process Process, int Port)[]
            {
                ("answers kept until the index changes (default)", answers, answersPort), ("facets kept, hits every search", kept, keptPort),
                ("facets counted every search (before)", counted, countedPort)
            };
            var before = sides.Length - 1;
            foreach (var s in sides) BenchHost.Pause(s.Process);

            var windows = new Dictionary<(string Query, int Side, int Connections), List<Window>>();
            var loads = new List<string>();
            for (var round = 0; round < rounds; round++)
                foreach (var query in Queries)
                    foreach (var connections in new[] { 16, 1 })
                        for (var k = 0; k < sides.Length; k++)
                        {
                            var s = (k + round) % sides.Length;
                            BenchHost.Resume(sides[s].Process);
                            var url = $"http://127.0.0.1:{sides[s].Port}/api/search?q={Uri.EscapeDataString(query)}&pageSize=20";
                            await LoadAsync(url, connections, TimeSpan.FromSeconds(2)); // unmeasured: connections open, statements prepared
                            var w = await LoadAsync(url, connections, TimeSpan.FromSeconds(seconds));
                            BenchHost.Pause(sides[s].Process);
                            (windows.TryGetValue((query, s, connections), out var list) ? list : windows[(query, s, connections)] = []).Add(w);
                            loads.Add(File.ReadAllText("/proc/loadavg").Split(' ')[0]);
                            Console.Error.WriteLine($"round {round + 1} {query} c{connections} {sides[s].Name}: {w.Rps:N0} req/s, p50 {w.P50:F2} p95 {w.P95:F2} p99 {w.P99:F2} ms, errors {w.Errors}");
                        }

            string Row(string query, int connections, int s)
            {
                var ws = windows[(query, s, connections)];
                double Med(Func<Window, double> f) => Median(ws.Select(f).ToList());
                var ratio = Med(w => w.Rps) / Median(windows[(query, before, connections)].Select(w => w.Rps).ToList());
                return $"| `{query}` | {connections} | {sides[s].Name} | {Med(w => w.Rps):N0} [{ws.Min(w => w.Rps):N0}–{ws.Max(w => w.Rps):N0}] | {Med(w => w.P50):F2} / {Med(w => w.P95):F2} / {Med(w => w.P99):F2} | {ratio:F2}× | {ws.Sum(w => w.Errors)} |";
            }
            var rows = Queries.SelectMany(q => new[] { 16, 1 }.SelectMany(c => Enumerable.Range(0, sides.Length).Select(s => Row(q, c, s))));
            Console.WriteLine($"""
                ### Search under concurrency

                Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- search-load --products {products} --rounds {rounds} --seconds {seconds}{(given is null ? "" : " --connection …")}`
                Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; PostgreSQL {BenchHost.PgVersion(db)} on loopback (fsync off); {indexed} products indexed;
                three `search` Hosts of one build (AddisPay:Search: defaults / CacheAnswers=false / CacheFacets=false and CacheAnswers=false). Load average (1 min) after each window: {string.Join(", ", loads)}.
                Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. {rounds} rounds of {seconds} s windows after 2 s unmeasured, sides alternated, the idle Host paused.
                Medians [range] of the windows; ratio = this side's median requests/s over the counting side's.

                | query | connections | side | requests/s | p50 / p95 / p99 ms | / before | errors |
                |---|---|---|---|---|---|---|
                {string.Join("\n", rows)}
                """);
            return 0;
        }
        finally
        {
            foreach (var c in children) { BenchHost.Resume(c); BenchHost.Stop(c); }
            if (pg is not null)
            {
                pg.Stop();
                try { Directory.Delete(dataDir, true); } catch (Exception) { }
            }
        }
    }

    private static async Task ExecAsync(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private sealed record Window(double Rps, double P50, double P95, double P99, int Errors);

    /// <summary><paramref name="connections"/> loops sending GETs to <paramref name="url"/> for <paramref name="duration"/>; each response read whole.</summary>
    private static async Task<Window> LoadAsync(string url, int connections, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>[connections];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                var start = clock.Elapsed;
                using var r = await http.GetAsync(url);
                await r.Content.LoadIntoBufferAsync();
                if (r.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                mine.Add((clock.Elapsed - start).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return new Window(all.Count / elapsed, BenchHost.Percentile(all, 50), BenchHost.Percentile(all, 95), BenchHost.Percentile(all, 99), errors);
    }

    private static double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
}
