using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

/// <summary>
/// Product reads against their raw ceiling: seeds N products (100,000 by default) through the demo seeder, then measures,
/// in alternated windows in one run (the idle sides paused with SIGSTOP), at 16 connections over loopback with random real
/// ids: a plain Kestrel + Npgsql get-by-id server (<see cref="CeilingServer"/>: the same four-table join as Products'
/// detail, prepared, written as JSON); AddisPay's product detail with the anonymous read cache off; with it on; and the
/// list page (pages 1-50 of 20) by number (offset and a count, the path clients used so far) and the same pages by keyset. Then the event lag: a price changed through another Products process (another replica),
/// timed until the first anonymous read from the cached process shows it. Prints medians of the windows and the ratios.
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- product-reads [--products 100000] [--rounds 3]
///        [--seconds 10] [--hot 1000] [--lags 20] [--lists-only] [--connection "Host=...;Database=..."]
/// --lists-only: only the two list rows (numbered pages and keyset pages), no ceiling, detail or event lag.
/// --connection: a database already seeded with the demo seeder (skips seeding; Products migrates it on start).
/// --hot: how many products the ids are drawn from (a shop's popular products; 0 = every published product).
/// </summary>
internal static class ProductReadsBenchmark
{
    private const int Connections = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
        var products = Arg("--products", 100_000);
        var rounds = Arg("--rounds", 3);
        var seconds = Arg("--seconds", 10);
        var hot = Arg("--hot", 1000);
        var lags = Arg("--lags", 20);
        var listsOnly = args.Contains("--lists-only");
        var at = Array.IndexOf(args, "--connection");
        var given = at >= 0 ? args[at + 1] : null;
        var host = BenchHost.BuildHost();
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-reads-{Guid.NewGuid():N}");
        var pg = given is null ? LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine) : null;
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var children = new List<Process>();
        try
        {
            var db = given ?? pg!.ConnectionString("reads");
            if (given is null)
            {
                pg!.EnsureDatabase("reads");
                var seed = Stopwatch.StartNew();
                var (seeder, _, _) = await BenchHost.StartAsync(host, db, key, "products", children,
                    new() { ["AddisPay__DemoData"] = "true", ["AddisPay__Products__DemoProducts"] = products.ToString() }, TimeSpan.FromMinutes(30));
                Console.Error.WriteLine($"seeded {products} products in {seed.Elapsed.TotalSeconds:F0} s");
                BenchHost.Stop(seeder);
            }
            foreach (var table in new[] { "products.products", "products.variants", "products.categories", "products.ratings" })
                await SqlAsync(db, $"vacuum analyze {table}");
            var limit = hot > 0 ? $"limit {hot}" : "";
            var ids = (await SqlAsync(db, $"select \"Id\"::text from products.products where \"Status\" = 'Published' order by random() {limit}")).ToArray();
            var published = (await SqlAsync(db, "select count(*)::text from products.products where \"Status\" = 'Published'")).Single();

            var (cached, cachedPort, _) = await BenchHost.StartAsync(host, db, key, "products", children, readyWithin: TimeSpan.FromMinutes(2));
            var (uncached, uncachedPort, _) = await BenchHost.StartAsync(host, db, key, "products", children,
                new() { ["AddisPay__Products__ReadCache__Enabled"] = "false" }, TimeSpan.FromMinutes(2));
            var (ceiling, ceilingPort) = await CeilingServer.StartAsync(db, children);

            // The same 50 pages as keyset pages: the cursors of pages 2-50, walked once before the load.
            var afters = new List<string> { "" };
            using (var walk = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{uncachedPort}") })
                while (afters.Count < 50)
                {
                    var listed = await walk.GetFromJsonAsync<JsonElement>($"/api/products?pageSize=20&count=false{afters[^1]}");
                    afters.Add("&after=" + listed.GetProperty("next").GetString());
                }

            var sides = new (string Name, Process Process, Func<Random, string> Url)[]
            {
                ("ceiling: Kestrel + Npgsql, prepared get-by-id", ceiling, r => $"http://127.0.0.1:{ceilingPort}/p/{ids[r.Next(ids.Length)]}"),
                ("AddisPay product detail, read cache off", uncached, r => $"http://127.0.0.1:{uncachedPort}/api/products/{ids[r.Next(ids.Length)]}"),
                ("AddisPay product detail, anonymous read cache", cached, r => $"http://127.0.0.1:{cachedPort}/api/products/{ids[r.Next(ids.Length)]}"),
                ("AddisPay list page (?page=1..50, offset + count)", uncached, r => $"http://127.0.0.1:{uncachedPort}/api/products?pageSize=20&page={r.Next(1, 51)}"),
                ("AddisPay list page (the same 50 pages by ?after=, keyset, no count)", uncached, r => $"http://127.0.0.1:{uncachedPort}/api/products?pageSize=20&count=false{afters[r.Next(afters.Count)]}"),
                ("AddisPay list page (the same keyset pages, anonymous read cache)", cached, r => $"http://127.0.0.1:{cachedPort}/api/products?pageSize=20&count=false{afters[r.Next(afters.Count)]}"),
            };
            // With --lists-only the other sides are left out of the rounds (and their rows print as not measured).
            var measured = listsOnly ? new[] { 3, 4, 5 } : Enumerable.Range(0, sides.Length).ToArray();
            var windows = sides.Select(_ => new List<Window>()).ToArray();
            var loads = new List<string>();
            foreach (var p in new[] { cached, uncached, ceiling }) BenchHost.Pause(p);
            for (var round = 0; round < rounds; round++)
            {
                // Each round starts with another side, so no side always runs first (or last) in a round.
                for (var k = 0; k < measured.Length; k++)
                {
                    var s = measured[(k + round) % measured.Length];
                    BenchHost.Resume(sides[s].Process);
                    await LoadAsync(sides[s].Url, TimeSpan.FromSeconds(2)); // unmeasured: connections open, the cache warm
                    var w = await LoadAsync(sides[s].Url, TimeSpan.FromSeconds(seconds));
                    BenchHost.Pause(sides[s].Process);
                    windows[s].Add(w);
                    loads.Add(File.ReadAllText("/proc/loadavg").Split(' ')[0]);
                    Console.Error.WriteLine($"round {round + 1} {sides[s].Name}: {w.Rps:N0} req/s, p50 {w.P50:F2} ms, p95 {w.P95:F2} ms, errors {w.Errors}");
                }
            }

            // Event lag: the price changes through another replica (the uncached process), so only the cached process's own
            // reading of the event log can drop its page.
            BenchHost.Resume(cached);
            BenchHost.Resume(uncached);
            var lagMs = new List<double>();
            if (!listsOnly)
            using (var reader = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cachedPort}") })
            using (var writer = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{uncachedPort}") })
            {
                writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchHost.AdminToken(key));
                var random = new Random(21);
                for (var i = 0; i < lags; i++)
                {
                    var id = ids[random.Next(ids.Length)];
                    var before = await reader.GetFromJsonAsync<JsonElement>($"/api/products/{id}");
                    (await reader.GetAsync($"/api/products/{id}")).Dispose(); // kept now
                    var variant = before.GetProperty("variants")[0];
                    var price = variant.GetProperty("priceEtb").GetDecimal() + 1.00m;
                    var sw = Stopwatch.StartNew();
                    using (var put = await writer.PutAsJsonAsync($"/api/products/{id}/price", new { priceEtb = price, sku = variant.GetProperty("sku").GetString() }))
                        put.EnsureSuccessStatusCode();
                    while (true)
                    {
                        var now = await reader.GetFromJsonAsync<JsonElement>($"/api/products/{id}");
                        if (now.GetProperty("variants").EnumerateArray().Any(v => v.GetProperty("priceEtb").GetDecimal() == price)) break;
                        if (sw.Elapsed > TimeSpan.FromSeconds(70)) throw new TimeoutException($"The new price of {id} never reached the cached process.");
                        await Task.Delay(2);
                    }
                    lagMs.Add(sw.Elapsed.TotalMilliseconds);
                }
            }

            double Med(int s, Func<Window, double> f) => windows[s].Count == 0 ? double.NaN : Median(windows[s].Select(f).ToList());
            var ceilingRps = Med(0, w => w.Rps);
            string Row(int s) => windows[s].Count == 0 ? $"| {sides[s].Name} | not measured (--lists-only) | | | |" : $"| {sides[s].Name} | {Med(s, w => w.Rps):N0} [{windows[s].Min(w => w.Rps):N0}–{windows[s].Max(w => w.Rps):N0}] | {Med(s, w => w.P50):F2} / {Med(s, w => w.P95):F2} | {Med(s, w => w.Rps) / ceilingRps:F2}× | {windows[s].Sum(w => w.Errors)} |";
            Console.WriteLine($"""
                ### Product reads against the raw ceiling

                Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- product-reads --products {products} --rounds {rounds} --seconds {seconds} --hot {hot} --lags {lags}{(listsOnly ? " --lists-only" : "")}{(given is null ? "" : " --connection …")}`
                Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; PostgreSQL {BenchHost.PgVersion(db)} on loopback (fsync off); load average (1 min) after each window: {string.Join(", ", loads)}.
                Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. {published} published products; ids drawn at random from {(hot > 0 ? $"{ids.Length:N0} of them" : "all of them")}.
                {Connections} connections (a C# load loop in this process, HttpClient, keep-alive), {rounds} rounds of {seconds} s windows after 2 s unmeasured, sides
                alternated (each round starts one side later), the idle processes paused (SIGSTOP). Medians [range] of the windows; ratio against the ceiling's median.

                | side | requests/s | p50 / p95 ms | / ceiling | errors |
                |---|---|---|---|---|
                {string.Join("\n", Enumerable.Range(0, sides.Length).Select(Row))}

                List pages: keyset / offset + count = {Med(4, w => w.Rps) / Med(3, w => w.Rps):F2}× (read cache off); kept keyset pages / offset + count = {Med(5, w => w.Rps) / Med(3, w => w.Rps):F2}× (medians of the list rows).

                Event lag ({lagMs.Count} price changes through a second Products process, each timed from sending the change until the first
                anonymous read from the cached process shows it; reads every ~2 ms): {(lagMs.Count == 0 ? "not measured" : $"median {Median(lagMs):F0} ms, p95 {BenchHost.Percentile(lagMs, 95):F0} ms, max {lagMs.Max():F0} ms")}.
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

    /// <summary>Runs <paramref name="sql"/> and returns the first column of its rows as text.</summary>
    private static async Task<List<string>> SqlAsync(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }

    private sealed record Window(double Rps, double P50, double P95, int Errors);

    /// <summary>{Connections} loops sending GETs to <paramref name="url"/> for <paramref name="duration"/>; each response read whole.</summary>
    private static async Task<Window> LoadAsync(Func<Random, string> url, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>[Connections];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async c =>
        {
            var random = new Random(c * 7919 + Environment.TickCount);
            var mine = latencies[c] = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                var start = clock.Elapsed;
                using var r = await http.GetAsync(url(random));
                await r.Content.LoadIntoBufferAsync();
                if (r.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                mine.Add((clock.Elapsed - start).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return new Window(all.Count / elapsed, BenchHost.Percentile(all, 50), BenchHost.Percentile(all, 95), errors);
    }

    private static double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
}

/// <summary>
/// The raw ceiling of a product read: Kestrel, one Npgsql data source (no reset on close, as Products' reads), the same
/// four-table join Products' detail runs (ProductDetailSql), prepared, one row per variant, written straight to the response
/// as JSON. No framework beyond routing: what a product read costs with nothing of the platform around it. Runs as a
/// process of its own (`ceiling-server PORT CONNECTION`), so it is paused and measured like the Hosts.
/// </summary>
internal static class CeilingServer
{
    private const string ById = """
        select p."Id", p."Slug", p."Name", p."NameAm", p."Description", p."DescriptionAm", p."Brand", p."Images", p."Attributes",
               p."Status", p."CreatedAt", p."UpdatedAt", c."Slug", c."Name", c."NameAm", r."Average", r."Count",
               v."Sku", v."Options", v."PriceEtb", v."OnHand", v."Reserved"
          from products.products p
          left join products.categories c on c."Id" = p."CategoryId"
          left join products.ratings r on r."ProductId" = p."Id"
          left join products.variants v on v."ProductId" = p."Id"
         where p."Id" = $1
        """;

    public static async Task<(Process Process, int Port)> StartAsync(string db, List<Process> children)
    {
        var port = BenchHost.FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { typeof(CeilingServer).Assembly.Location, "ceiling-server", port.ToString(), db }) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        children.Add(p);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var http = new HttpClient();
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (p.HasExited) throw new InvalidOperationException($"The ceiling server exited with {p.ExitCode}.");
            try
            {
                using var r = await http.GetAsync($"http://127.0.0.1:{port}/health/ready");
                if (r.IsSuccessStatusCode) return (p, port);
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException("The ceiling server did not start.");
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{args[1]}");
        await using var source = NpgsqlDataSource.Create(Databases.ForModuleWork(args[2]));
        var app = builder.Build();
        app.MapGet("/health/ready", () => "ok");
        app.MapGet("/p/{id:guid}", async (Guid id, HttpContext http) =>
        {
            await using var conn = await source.OpenConnectionAsync(http.RequestAborted);
            await using var cmd = new NpgsqlCommand(ById, conn);
            cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await cmd.PrepareAsync(http.RequestAborted);
            await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
            if (!await r.ReadAsync(http.RequestAborted)) { http.Response.StatusCode = 404; return; }
            http.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
            json.WriteStartObject();
            json.WriteString("id", r.GetGuid(0));
            json.WriteString("slug", r.GetString(1));
            json.WriteString("name", r.GetString(2));
            json.WriteString("nameAm", r.GetString(3));
            json.WriteString("description", r.IsDBNull(4) ? null : r.GetString(4));
            json.WriteString("descriptionAm", r.IsDBNull(5) ? null : r.GetString(5));
            json.WriteString("brand", r.IsDBNull(6) ? null : r.GetString(6));
            json.WriteStartArray("images");
            foreach (var image in r.GetFieldValue<string[]>(7)) json.WriteStringValue(image);
            json.WriteEndArray();
            json.WritePropertyName("attributes");
            json.WriteRawValue(r.GetString(8));
            json.WriteString("status", r.GetString(9));
            json.WriteString("createdAt", r.GetFieldValue<DateTimeOffset>(10));
            json.WriteString("updatedAt", r.GetFieldValue<DateTimeOffset>(11));
            if (!r.IsDBNull(12))
            {
                json.WriteStartObject("category");
                json.WriteString("slug", r.GetString(12));
                json.WriteString("name", r.GetString(13));
                json.WriteString("nameAm", r.GetString(14));
                json.WriteEndObject();
            }
            if (!r.IsDBNull(16)) { if (r.IsDBNull(15)) json.WriteNull("rating"); else json.WriteNumber("rating", r.GetDecimal(15)); json.WriteNumber("ratingCount", r.GetInt32(16)); }
            json.WriteStartArray("variants");
            do
            {
                if (r.IsDBNull(17)) continue;
                json.WriteStartObject();
                json.WriteString("sku", r.GetString(17));
                json.WritePropertyName("options");
                json.WriteRawValue(r.GetString(18));
                json.WriteNumber("priceEtb", r.GetDecimal(19));
                json.WriteNumber("available", r.GetInt32(20) - r.GetInt32(21));
                json.WriteEndObject();
            } while (await r.ReadAsync(http.RequestAborted));
            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(http.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }
}
