using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AddisPay.Shared.Data;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

/// <summary>
/// Catalogue and search at scale: seeds N generated products (100,000 by default), rebuilds the search
/// index, then measures search latency per query kind through the API against the same SQL run in psql,
/// and product-detail and list throughput with wrk. Everything on 127.0.0.1.
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- catalogue [--products 100000] [--requests 200]
/// </summary>
internal static partial class CatalogueBenchmark
{
    private static readonly (string Kind, string Query)[] Queries =
    [
        ("single word", "coffee"), ("single word", "honey"), ("single word", "berbere"),
        ("phrase", "\"forest honey\""), ("phrase", "leather sandals"), ("phrase", "premium harar coffee"),
        ("misspelling", "yirgachefe"), ("misspelling", "berbre"), ("misspelling", "smartphon"),
        ("amharic", "ቡና"), ("amharic", "ማር"), ("amharic", "የሐረር ቡና")
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
        var products = Arg("--products", 100_000);
        var requests = Arg("--requests", 200);
        var host = BenchHost.BuildHost();
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-catbench-{Guid.NewGuid():N}");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var children = new List<Process>();
        try
        {
            pg.EnsureDatabase("catbench");
            var db = pg.ConnectionString("catbench");

            // 1. Seed: the demo seeder with the generator, Products only (its events are appended as usual).
            var seed = Stopwatch.StartNew();
            var (seeder, _, _) = await BenchHost.StartAsync(host, db, key, "products", children, new() { ["AddisPay__DemoData"] = "true", ["AddisPay__Products__DemoProducts"] = products.ToString() }, TimeSpan.FromMinutes(30));
            Console.Error.WriteLine($"seeded {products} products in {seed.Elapsed.TotalSeconds:F0} s");
            BenchHost.Stop(seeder);

            // 2. A fresh read model at scale is built by a reindex, not by replaying history: start the search
            //    subscription at the current end of the log and rebuild from Products' catalogue pages.
            Psql(pg, "catbench", "insert into events.mt_event_progression (name, last_seq_id) select 'search-inbox:All', max(seq_id) from events.mt_events on conflict (name) do update set last_seq_id = excluded.last_seq_id;");
            var (app, port, _) = await BenchHost.StartAsync(host, db, key, "products,search", children, readyWithin: TimeSpan.FromMinutes(2));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(30) };
            var reindex = Stopwatch.StartNew();
            using (var r = new HttpRequestMessage(HttpMethod.Post, "/api/search/reindex"))
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchHost.AdminToken(key));
                (await http.SendAsync(r)).EnsureSuccessStatusCode();
            }
            Console.Error.WriteLine($"reindexed in {reindex.Elapsed.TotalSeconds:F0} s");
            foreach (var table in new[] { "search.documents", "products.products", "products.variants" }) Psql(pg, "catbench", $"vacuum analyze {table}");

            // 3. Search latency, API versus the same SQL in psql.
            var rows = new List<string>();
            var byKind = new Dictionary<string, (List<double> Api, List<double> Psql, long Hits)>();
            foreach (var (kind, query) in Queries)
            {
                var url = $"/api/search?q={Uri.EscapeDataString(query)}&pageSize=20";
                for (var i = 0; i < 20; i++) (await http.GetAsync(url)).Dispose();
                var api = new List<double>();
                long hits = 0;
                for (var i = 0; i < requests; i++)
                {
                    var sw = Stopwatch.StartNew();
                    using var res = await http.GetAsync(url);
                    var body = await res.Content.ReadAsStringAsync();
                    api.Add(sw.Elapsed.TotalMilliseconds);
                    if (i == 0) hits = JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt64();
                }
                // The API tries the words first and adds the typo-tolerant trigram match only when they find under 5 products.
                var wordsMatch = long.Parse(Psql(pg, "catbench", $"select count(*) from ({SearchSql(query, typos: false).TrimEnd(';', ' ').Replace("limit 20 offset 0", "")}) x").Trim().Split('\n').Last().Trim());
                var psql = PsqlTimings(pg, "catbench", SearchSql(query, typos: wordsMatch < 5), requests);
                if (!byKind.TryGetValue(kind, out var agg)) byKind[kind] = agg = ([], [], 0);
                agg.Api.AddRange(api);
                agg.Psql.AddRange(psql);
                byKind[kind] = (agg.Api, agg.Psql, agg.Hits + hits);
                rows.Add($"| {kind} | `{query.Replace("|", "\\|")}` | {hits} | {BenchHost.Percentile(api, 50):F2} / {BenchHost.Percentile(api, 95):F2} / {BenchHost.Percentile(api, 99):F2} | {BenchHost.Percentile(psql, 50):F2} / {BenchHost.Percentile(psql, 95):F2} / {BenchHost.Percentile(psql, 99):F2} |");
                Console.Error.WriteLine($"{kind} {query}: api p95 {BenchHost.Percentile(api, 95):F2} ms, psql p95 {BenchHost.Percentile(psql, 95):F2} ms, {hits} hits");
            }

            // 4. Throughput with wrk (16 connections, one thread, 10 s).
            var detailSlug = JsonDocument.Parse(await http.GetStringAsync("/api/products?pageSize=1&page=500")).RootElement.GetProperty("items")[0].GetProperty("slug").GetString();
            var detailRps = Wrk($"http://127.0.0.1:{port}/api/products/{detailSlug}");
            var listRps = Wrk($"http://127.0.0.1:{port}/api/products?pageSize=20&page=3");
            var searchRps = Wrk($"http://127.0.0.1:{port}/api/search?q=coffee&pageSize=20");
            BenchHost.Stop(app);

            var all = byKind.Values.SelectMany(v => v.Api).ToList();
            Console.WriteLine($"""
                ## Catalogue and search at {products:N0} products

                Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- catalogue --products {products} --requests {requests}`
                Machine: {Environment.ProcessorCount} cores; PostgreSQL {BenchHost.PgVersion(db)} on loopback (fsync off); one Host process running products and search.
                Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Seeded with the deterministic generator; search index rebuilt with POST /api/search/reindex.

                Search latency, single client, {requests} requests per query after 20 warm-up; p50 / p95 / p99 in ms. The psql column runs the
                hit query the handler ends up running (words only, or with the trigram match when words find under 5 products; same SQL,
                parameters as literals, without the facets) with `\timing` in one psql session: the database's share of one search.

                | kind | query | matches | API p50 / p95 / p99 | psql p50 / p95 / p99 |
                |---|---|---|---|---|
                {string.Join("\n", rows)}

                | kind | API p50 | API p95 | API p99 | psql p95 | API p95 / psql p95 |
                |---|---|---|---|---|---|
                {string.Join("\n", byKind.Select(k => $"| {k.Key} | {BenchHost.Percentile(k.Value.Api, 50):F2} | {BenchHost.Percentile(k.Value.Api, 95):F2} | {BenchHost.Percentile(k.Value.Api, 99):F2} | {BenchHost.Percentile(k.Value.Psql, 95):F2} | {BenchHost.Percentile(k.Value.Api, 95) / BenchHost.Percentile(k.Value.Psql, 95):F2}× |"))}
                | all | {BenchHost.Percentile(all, 50):F2} | {BenchHost.Percentile(all, 95):F2} | {BenchHost.Percentile(all, 99):F2} | | |

                Throughput with `wrk -t1 -c16 -d10s` (requests/s; wrk shares the 2 cores with the server and PostgreSQL):

                | request | requests/s |
                |---|---|
                | GET /api/products/{"{slug}"} (product detail) | {detailRps:N0} |
                | GET /api/products?pageSize=20 (list page) | {listRps:N0} |
                | GET /api/search?q=coffee (search with facets) | {searchRps:N0} |
                """);
            return 0;
        }
        finally
        {
            foreach (var c in children) BenchHost.Stop(c);
            pg.Stop();
            try { Directory.Delete(dataDir, true); } catch (Exception) { }
        }
    }

    /// <summary>The main hit query of SearchProductsHandler for a text search, parameters inlined as psql would run them.</summary>
    private static string SearchSql(string text, bool typos)
    {
        var t = text.Replace("'", "''");
        var tokens = Regex.Split(text.ToLowerInvariant(), "[\\s፣።,./-]+").Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0).ToList();
        var prefix = tokens.Count == 0 ? "" : string.Join(" & ", tokens.Take(tokens.Count - 1).Append(tokens[^1] + ":*"));
        var words = $"(websearch_to_tsquery('english', '{t}') || websearch_to_tsquery('simple', '{t}')" + (prefix.Length > 0 ? $" || to_tsquery('simple', '{prefix}'))" : ")");
        return $"""
            select "ProductId", "Slug", "Name", "NameAm", "Brand", "Image", "PriceMin", "PriceMax", "InStock", "Rating", "RatingCount",
              (ts_rank("SearchVector", {words}){(typos ? $" + word_similarity('{t}', \"SearchText\")" : "")})::float8 as score
            from search.documents
            where ("SearchVector" @@ {words}{(typos ? $" or '{t}' <% \"SearchText\"" : "")})
            order by score desc, "ProductId" limit 20 offset 0;
            """.Replace("\n", " ");
    }

    private static List<double> PsqlTimings(LocalPostgres pg, string database, string sql, int times)
    {
        var script = new StringBuilder("\\timing on\n\\o /dev/null\nset pg_trgm.word_similarity_threshold = 0.5;\n");
        for (var i = 0; i < 20 + times; i++) script.AppendLine(sql);
        var file = Path.GetTempFileName();
        File.WriteAllText(file, script.ToString());
        var output = Psql(pg, database, null, file);
        File.Delete(file);
        return TimeLine().Matches(output).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Skip(21).ToList();
    }

    [GeneratedRegex(@"Time: ([0-9.]+) ms")]
    private static partial Regex TimeLine();

    private static string Psql(LocalPostgres pg, string database, string? command, string? file = null)
    {
        var psi = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-h", "127.0.0.1", "-p", pg.Port.ToString(), "-U", "addispay", "-d", database, "-X", "-q", "-t", "-A" }) psi.ArgumentList.Add(a);
        if (command is not null) { psi.ArgumentList.Add("-c"); psi.ArgumentList.Add(command); }
        if (file is not null) { psi.ArgumentList.Add("-f"); psi.ArgumentList.Add(file); }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"psql failed: {stderr}");
        return stdout.Result;
    }

    private static double Wrk(string url)
    {
        var psi = new ProcessStartInfo("wrk", ["-t1", "-c16", "-d10s", url]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var m = Regex.Match(output, @"Requests/sec:\s+([0-9.]+)");
        if (!m.Success) throw new InvalidOperationException("wrk printed no rate: " + output);
        if (Regex.IsMatch(output, "Non-2xx")) throw new InvalidOperationException("wrk saw errors: " + output);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }


}
