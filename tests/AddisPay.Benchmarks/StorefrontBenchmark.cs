using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>
/// The shop's pages at scale: seeds N generated products (100,000 by default), rebuilds the search index, then measures
/// server-rendered product and category pages against the JSON product endpoint in the same run, in one process running
/// every module: single-client latency (p50/p95/p99), throughput with wrk over many products, and the product page's size.
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- storefront [--products 100000] [--requests 300] [--seconds 10]
/// [--only product,category] [--hold FILE]. <c>--only</c> measures only the named rows (the JSON product row always, as the
/// yardstick); <c>--hold</c> writes the database's connection string and the Host's address to FILE once the catalogue is
/// indexed and waits until FILE is deleted, for EXPLAIN ANALYZE and profiling at scale before the measurements.
/// </summary>
internal static partial class StorefrontBenchmark
{
    private static readonly string[] Modules = ["users", "products", "cart", "orders", "payments", "notifications", "search", "recommendations", "reviews"];

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
        var products = Arg("--products", 100_000);
        var requests = Arg("--requests", 300);
        var seconds = Arg("--seconds", 10);
        var only = Array.IndexOf(args, "--only") is var o && o >= 0 && o + 1 < args.Length ? args[o + 1].Split(',') : null;
        var hold = Array.IndexOf(args, "--hold") is var h && h >= 0 && h + 1 < args.Length ? args[h + 1] : null;
        var host = BenchHost.BuildHost();
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-shopbench-{Guid.NewGuid():N}");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var children = new List<Process>();
        var work = Directory.CreateTempSubdirectory("addispay-shopbench-wrk");
        try
        {
            pg.EnsureDatabase("shopbench");
            var db = pg.ConnectionString("shopbench");

            var seed = Stopwatch.StartNew();
            var (seeder, _, _) = await BenchHost.StartAsync(host, db, key, "products", children,
                new() { ["AddisPay__DemoData"] = "true", ["AddisPay__Products__DemoProducts"] = products.ToString() }, TimeSpan.FromMinutes(30));
            Console.Error.WriteLine($"seeded {products} products in {seed.Elapsed.TotalSeconds:F0} s");
            BenchHost.Stop(seeder);

            // A read model at scale is rebuilt by a reindex, not by replaying the seed's events: every inbox starts at the end
            // of the log. (Recommendations therefore knows no products: its lists are empty, as in a shop nobody shopped in.)
            foreach (var module in Modules)
                CatalogueBenchmark.Psql(pg, "shopbench", $"insert into events.mt_event_progression (name, last_seq_id) select '{module}-inbox:All', max(seq_id) from events.mt_events on conflict (name) do update set last_seq_id = excluded.last_seq_id;");
            var (app, port, _) = await BenchHost.StartAsync(host, db, key, "all", children, readyWithin: TimeSpan.FromMinutes(2));
            using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
                { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(30) };
            var reindex = Stopwatch.StartNew();
            using (var r = new HttpRequestMessage(HttpMethod.Post, "/api/search/reindex"))
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchHost.AdminToken(key));
                (await http.SendAsync(r)).EnsureSuccessStatusCode();
            }
            Console.Error.WriteLine($"reindexed in {reindex.Elapsed.TotalSeconds:F0} s");
            foreach (var table in new[] { "search.documents", "search.entries", "products.products", "products.variants" })
                CatalogueBenchmark.Psql(pg, "shopbench", $"vacuum analyze {table}");

            // 500 products from across the catalogue, and every category's first three pages in two sorts.
            var slugs = new List<string>();
            foreach (var page in new[] { 3, 200, 450, 700, 950 })
                foreach (var item in JsonDocument.Parse(await http.GetStringAsync($"/api/products?pageSize=100&page={page}")).RootElement.GetProperty("items").EnumerateArray())
                    slugs.Add(item.GetProperty("slug").GetString()!);
            var categories = JsonDocument.Parse(await http.GetStringAsync("/api/products/categories")).RootElement;
            var categorySlugs = Slugs(categories).ToList();
            var categoryPaths = categorySlugs.SelectMany(c => new[] { 1, 2, 3 }.SelectMany(p => new[]
                { $"/c/{c}?page={p}", $"/c/{c}?sort=price-asc&stock=in&page={p}" })).ToList();

            var targets = new (string Name, string Label, List<string> Paths)[]
            {
                ("json", "GET /api/products/{slug} (JSON product detail)", slugs.Select(s => "/api/products/" + s).ToList()),
                ("product", "GET /p/{slug} (product page)", slugs.Select(s => "/p/" + s).ToList()),
                ("product-am", "GET /p/{slug} in Amharic (product page)", slugs.Select(s => "/p/" + s).ToList()),
                ("category", "GET /c/{category}?page=1..3 (category page, facets; half sorted by price, in stock only)", categoryPaths),
                ("category-json", "GET /api/search?category=...&pageSize=12 (the same listings as JSON, facets)", categoryPaths.Select(SearchOf).ToList())
            }.Where(t => only is null || t.Name == "json" || only.Contains(t.Name)).ToArray();

            if (hold is not null)
            {
                File.WriteAllText(hold, $"{db}\nhttp://127.0.0.1:{port}\n");
                Console.Error.WriteLine($"holding until {hold} is deleted");
                while (File.Exists(hold)) await Task.Delay(1000);
            }

            // Single client: latency per request, the same addresses in turn, after a warm-up.
            var latency = new Dictionary<string, List<double>>();
            foreach (var (name, _, paths) in targets)
            {
                var times = new List<double>();
                for (var i = 0; i < requests + 50; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, paths[i % paths.Count]);
                    if (name == "product-am") request.Headers.Add("Cookie", "addispay-lang=am");
                    var sw = Stopwatch.StartNew();
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{paths[i % paths.Count]}: {(int)response.StatusCode}");
                    if (i >= 50) times.Add(sw.Elapsed.TotalMilliseconds);
                }
                latency[name] = times;
                Console.Error.WriteLine($"{name}: p50 {BenchHost.Percentile(times, 50):F2} ms, p95 {BenchHost.Percentile(times, 95):F2} ms");
            }

            // Throughput: wrk, 16 connections, each request a random address of the list.
            var rates = new Dictionary<string, (double Rps, double P50, double P95, double P99)>();
            foreach (var (name, _, paths) in targets)
            {
                // An unmeasured window first: the single-client pass is too light to tier the page's code up (the first
                // loaded window paid for it: run 7c's English product page, measured first, 0.43× against Amharic's 0.74×).
                Wrk(work.FullName, name, $"http://127.0.0.1:{port}", paths, Math.Max(3, seconds / 2), amharic: name == "product-am");
                rates[name] = Wrk(work.FullName, name, $"http://127.0.0.1:{port}", paths, seconds, amharic: name == "product-am");
                Console.Error.WriteLine($"{name}: {rates[name].Rps:F0} req/s");
            }

            // Size of a product page, and what the default HtmlEncoder (every non-ASCII character as &#x...;) would have made of it.
            var sizes = new List<string>();
            foreach (var amharic in new[] { false, true })
            {
                var sample = slugs.Take(50).ToList();
                var bytes = new List<int>();
                var entityBytes = new List<int>();
                foreach (var slug in sample)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/p/" + slug);
                    if (amharic) request.Headers.Add("Cookie", "addispay-lang=am");
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    bytes.Add(body.Length);
                    entityBytes.Add(AsEntities(Encoding.UTF8.GetString(body)));
                }
                sizes.Add($"| {(amharic ? "Amharic" : "English")} | {bytes.Average() / 1024:F1} KB (max {bytes.Max() / 1024.0:F1} KB) | {entityBytes.Average() / 1024:F1} KB |");
            }
            BenchHost.Stop(app);

            string Row(string name, string label) =>
                $"| {label} | {BenchHost.Percentile(latency[name], 50):F2} / {BenchHost.Percentile(latency[name], 95):F2} / {BenchHost.Percentile(latency[name], 99):F2} | " +
                $"{rates[name].Rps:N0} | {rates[name].Rps / rates["json"].Rps:F2}× | {rates[name].P50:F1} / {rates[name].P95:F1} / {rates[name].P99:F1} |";
            Console.WriteLine($"""
                ## Storefront pages at {products:N0} products

                Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- storefront --products {products} --requests {requests} --seconds {seconds}`
                Machine: {Environment.ProcessorCount} cores, shared with other work while this ran (a loaded machine: compare the rows
                with each other, not with other runs); PostgreSQL {BenchHost.PgVersion(db)} on loopback (fsync off); one Host process
                running every module (`all`), the load generator on the same cores. Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
                Seeded with the deterministic generator; search index rebuilt with POST /api/search/reindex; Recommendations and
                Reviews empty (no shopping yet), so the product page asks them and shows their empty sections' fallbacks.

                Single client: {requests} requests after 50 warm-up, rotating over {slugs.Count} products / {categoryPaths.Count} category
                addresses, latency in ms. wrk: `-t1 -c16 -d{seconds}s` after an unmeasured window of half that, each request a random address of the same lists (Lua script),
                latency under that load in ms.

                | request | single client p50 / p95 / p99 | wrk requests/s | ÷ JSON | wrk p50 / p95 / p99 |
                |---|---|---|---|---|
                {string.Join("\n", targets.Select(t => Row(t.Name, t.Label)))}

                Product page size over 50 products (HTML as sent, uncompressed), and what the same page would weigh with every non-ASCII
                character written as a character reference (`&#x12A0;`), as Blazor's default HtmlEncoder wrote them before this change:

                | language | HTML as sent (UTF-8) | with character references |
                |---|---|---|
                {string.Join("\n", sizes)}
                """);
            return 0;
        }
        finally
        {
            foreach (var c in children) BenchHost.Stop(c);
            pg.Stop();
            try { Directory.Delete(dataDir, true); } catch (Exception) { }
            try { work.Delete(true); } catch (Exception) { }
        }
    }

    /// <summary>The JSON search a category page runs: /c/coffee?sort=price-asc&amp;stock=in&amp;page=2 → /api/search?category=coffee&amp;...</summary>
    private static string SearchOf(string page)
    {
        var uri = new Uri("http://x" + page);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var search = $"/api/search?category={uri.AbsolutePath[3..]}&pageSize=12&page={query["page"]}";
        return query["sort"] == "price-asc" ? search + "&sort=PriceAsc&inStock=true" : search;
    }

    private static IEnumerable<string> Slugs(JsonElement nodes)
    {
        foreach (var n in nodes.EnumerateArray())
        {
            yield return n.GetProperty("slug").GetString()!;
            if (n.TryGetProperty("children", out var children))
                foreach (var c in Slugs(children)) yield return c;
        }
    }

    /// <summary>The byte count of <paramref name="html"/> had every non-ASCII character been written as <c>&amp;#xHHHH;</c>.</summary>
    private static int AsEntities(string html)
    {
        var total = 0;
        foreach (var rune in html.EnumerateRunes())
            total += rune.Value < 0x80 ? 1 : $"&#x{rune.Value:X};".Length;
        return total;
    }

    private static (double Rps, double P50, double P95, double P99) Wrk(string dir, string name, string baseUrl, List<string> paths, int seconds, bool amharic)
    {
        var script = Path.Combine(dir, name + ".lua");
        File.WriteAllText(script, $$"""
            local paths = { {{string.Join(", ", paths.Select(p => "\"" + p.Replace("\"", "\\\"") + "\""))}} }
            math.randomseed(42)
            {{(amharic ? "wrk.headers[\"Cookie\"] = \"addispay-lang=am\"" : "")}}
            request = function() return wrk.format("GET", paths[math.random(#paths)]) end
            done = function(summary, latency, requests)
              io.write(string.format("P50 %f\nP95 %f\nP99 %f\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
            end
            """);
        var psi = new ProcessStartInfo("wrk", ["-t1", "-c16", $"-d{seconds}s", "-s", script, baseUrl]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var m = Regex.Match(output, @"Requests/sec:\s+([0-9.]+)");
        if (!m.Success) throw new InvalidOperationException("wrk printed no rate: " + output);
        if (Regex.IsMatch(output, "Non-2xx")) throw new InvalidOperationException("wrk saw errors: " + output);
        double Get(string label) => double.Parse(Regex.Match(output, label + @" ([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Get("P50"), Get("P95"), Get("P99"));
    }
}
