using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
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

    private static readonly string[] Prefixes = ["c", "co", "cof", "coffee", "yirg", "harar co", "berbre", "ቡ", "ቡና"];

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
            foreach (var table in new[] { "search.documents", "search.entries", "search.lexicon", "products.products", "products.variants" }) Psql(pg, "catbench", $"vacuum analyze {table}");

            // 3. Search latency, API versus the same SQL in psql.
            var rows = new List<string>();
            var byKind = new Dictionary<string, (List<double> Api, List<double> Psql, long Hits)>();
            foreach (var (kind, query) in Queries)
            {
                var url = $"/api/search?q={Uri.EscapeDataString(query)}&pageSize=20";
                for (var i = 0; i < 20; i++) (await http.GetAsync(url)).Dispose();
                var api = new List<double>();
                long hits = 0;
                JsonElement first = default;
                for (var i = 0; i < requests; i++)
                {
                    var sw = Stopwatch.StartNew();
                    using var res = await http.GetAsync(url);
                    var body = await res.Content.ReadAsStringAsync();
                    api.Add(sw.Elapsed.TotalMilliseconds);
                    if (i == 0) { first = JsonDocument.Parse(body).RootElement.Clone(); hits = first.GetProperty("total").GetInt64(); }
                }
                // The statements the handler ran for this query: hits, and facets with the lexicon lookup, for the words as typed;
                // for a corrected misspelling (the API says which text it searched) the same two again for the corrected text.
                var corrected = first.GetProperty("correctedText").ValueKind == JsonValueKind.String ? first.GetProperty("correctedText").GetString() : null;
                var statements = SearchStatements(query, lookUpWords: true);
                if (corrected is not null) statements.AddRange(SearchStatements(corrected, lookUpWords: false));
                CheckSameAnswer(pg, corrected ?? query, first);
                var psql = PsqlTimings(pg, "catbench", statements, requests);
                if (!byKind.TryGetValue(kind, out var agg)) byKind[kind] = agg = ([], [], 0);
                agg.Api.AddRange(api);
                agg.Psql.AddRange(psql);
                byKind[kind] = (agg.Api, agg.Psql, agg.Hits + hits);
                rows.Add($"| {kind} | `{query.Replace("|", "\\|")}` | {hits} | {BenchHost.Percentile(api, 50):F2} / {BenchHost.Percentile(api, 95):F2} / {BenchHost.Percentile(api, 99):F2} | {BenchHost.Percentile(psql, 50):F2} / {BenchHost.Percentile(psql, 95):F2} / {BenchHost.Percentile(psql, 99):F2} |");
                Console.Error.WriteLine($"{kind} {query}: api p95 {BenchHost.Percentile(api, 95):F2} ms, psql p95 {BenchHost.Percentile(psql, 95):F2} ms, {hits} hits");
            }

            // 4. Autocomplete: what a shopper's keystrokes send, one letter up to a few words, a typo and Amharic.
            var suggestRows = new List<string>();
            var suggestAll = new List<double>();
            foreach (var typed in Prefixes)
            {
                var url = $"/api/search/suggest?q={Uri.EscapeDataString(typed)}";
                for (var i = 0; i < 20; i++) (await http.GetAsync(url)).Dispose();
                var times = new List<double>();
                var count = 0;
                for (var i = 0; i < requests; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var body = await http.GetStringAsync(url);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                    if (i == 0) count = JsonDocument.Parse(body).RootElement.GetArrayLength();
                }
                suggestAll.AddRange(times);
                suggestRows.Add($"| `{typed}` | {count} | {BenchHost.Percentile(times, 50):F2} / {BenchHost.Percentile(times, 95):F2} / {BenchHost.Percentile(times, 99):F2} |");
                Console.Error.WriteLine($"suggest {typed}: p95 {BenchHost.Percentile(times, 95):F2} ms, {count} suggestions");
            }

            // 5. Throughput with wrk (16 connections, one thread, 10 s).
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

                Search latency, single client, {requests} requests per query after 20 warm-up; p50 / p95 / p99 in ms. The psql column runs
                the statements the handler runs for the query (same SQL, parameters as literals, prepared as the API's connections prepare
                them): hits, and facets with the lookup of unknown words in the lexicon; for a corrected misspelling the same two again for
                the corrected words. They run one after another in one psql session, timed per search (`\timing`): the database's share of
                one search. The API runs hits and facets on two connections at once. Before timing, psql's page of hits and total are
                checked against the API's.

                | kind | query | matches | API p50 / p95 / p99 | psql p50 / p95 / p99 |
                |---|---|---|---|---|
                {string.Join("\n", rows)}

                | kind | API p50 | API p95 | API p99 | psql p95 | API p95 / psql p95 |
                |---|---|---|---|---|---|
                {string.Join("\n", byKind.Select(k => $"| {k.Key} | {BenchHost.Percentile(k.Value.Api, 50):F2} | {BenchHost.Percentile(k.Value.Api, 95):F2} | {BenchHost.Percentile(k.Value.Api, 99):F2} | {BenchHost.Percentile(k.Value.Psql, 95):F2} | {BenchHost.Percentile(k.Value.Api, 95) / BenchHost.Percentile(k.Value.Psql, 95):F2}× |"))}
                | all | {BenchHost.Percentile(all, 50):F2} | {BenchHost.Percentile(all, 95):F2} | {BenchHost.Percentile(all, 99):F2} | | |

                Autocomplete (`GET /api/search/suggest?q=...`, 8 suggestions), single client, {requests} requests per text after 20 warm-up; ms:

                | typed | suggestions | p50 / p95 / p99 |
                |---|---|---|
                {string.Join("\n", suggestRows)}
                | all | | {BenchHost.Percentile(suggestAll, 50):F2} / {BenchHost.Percentile(suggestAll, 95):F2} / {BenchHost.Percentile(suggestAll, 99):F2} |

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

    /// <summary>
    /// The statements SearchProductsHandler (with SearchSql) runs for a relevance search of <paramref name="text"/>, first page of
    /// 20, no filters, 1,000 ranked candidates, one array per round trip: the hits statement, and the facets statement followed
    /// by the lexicon lookup of the query's words when it looks them up; parameters as psql literals. Kept in step with the
    /// handler by hand, and checked against the API's answer by <see cref="CheckSameAnswer"/>.
    /// </summary>
    private static List<string[]> SearchStatements(string text, bool lookUpWords)
    {
        var (hits, facets) = SearchSql(text);
        var words = WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant())
            .Where(w => new System.Globalization.StringInfo(w).LengthInTextElements >= 3).Distinct().ToList();
        if (!lookUpWords || words.Count == 0) return [[hits], [facets]];
        var lookup = $"select w, c.\"Word\" from unnest({Literal("{" + string.Join(",", words.Select(w => "\"" + w + "\"")) + "}")}::text[]) w " +
            "cross join lateral (select n.\"Word\", n.sml from (select l.\"Word\", similarity(l.\"Word\", w) as sml from search.lexicon l order by l.\"Word\" <-> w limit 5) n " +
            "order by n.sml desc, n.\"Word\" limit 1) c where c.sml >= 0.4 and not exists (select 1 from search.lexicon k where k.\"Word\" = w)";
        return [[hits], [facets, lookup]];
    }

    /// <summary>SearchSql's hits (relevance, page 1 of 20, 1,000 candidates) and facets statements for a text search, literals inlined.</summary>
    private static (string Hits, string Facets) SearchSql(string text)
    {
        var t = Literal(text);
        var mayExclude = text.StartsWith('-') || text.Contains(" -") || text.Contains("\t-");
        var tokens = Regex.Split(text.ToLowerInvariant(), "[\\s፣።,./-]+").Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0).Take(8).ToList();
        var prefix = mayExclude || tokens.Count == 0 ? null : string.Join(" & ", tokens.Take(tokens.Count - 1).Append(tokens[^1] + ":*"));
        var q = $"(websearch_to_tsquery('english', {t}) || websearch_to_tsquery('simple', {t})" + (prefix is not null ? $" || to_tsquery('simple', {Literal(prefix)}))" : ")");
        var with = $"with query as materialized (select x.words, regexp_replace((x.words)::text, '(''(?:[^'']|'''')*'')(?::(\\*))?', '\\1:\\2AB', 'g')::tsquery as title from (select {q} as words) x)";
        const string words = "(select query.words from query)";
        var match = $"e.\"SearchVector\" @@ {words}";
        var inTitle = $"ts_filter(e.\"SearchVector\", '{{a,b}}') @@ {words}" + (mayExclude ? $" and {match}" : "");
        var hits = $"""
            {with},
            c as (
              (select e.ctid as row, e."ProductId", e."Preference" from search.entries e
                where {inTitle} order by e."Preference" desc, e."ProductId" limit 1000)
              union all
              (select e.ctid as row, e."ProductId", e."Preference" from search.entries e
                where {match} and not (e."SearchVector" @@ (select query.title from query)) order by e."Preference" desc, e."ProductId" limit 1000)
              limit 1000),
            ranked as (select c."ProductId", ts_rank(e."SearchVector", {words})::float8 as score from c join search.entries e on e.ctid = c.row),
            page as (select "ProductId", score, row_number() over (order by score desc, "ProductId") as pos
                       from ranked order by score desc, "ProductId" limit 20 offset 0)
            select d."ProductId", d."Slug", d."Name", d."NameAm", d."Brand", d."Image", d."PriceMin", d."PriceMax", d."InStock", d."Rating",
                   d."RatingCount", p.score
              from (select "ProductId", score, pos from page) p
              join search.documents d on d."ProductId" = p."ProductId"
             order by p.pos
            """;
        var facets = $"""
            {with}
            select p."Slugs", b."Name", ((g.k >> 3) & 7)::int, ((g.k >> 1) & 3)::int, (g.k & 1) = 1, g.n
              from (select e."FacetKey" as k, count(*) as n from search.entries e where {match} group by 1) g
              left join search.category_paths p on p."Id" = (g.k >> 32)::int
              left join search.brands b on b."Id" = ((g.k >> 8) & 16777215)::int
            """;
        return (hits.Replace("\n", " "), facets.Replace("\n", " "));
    }

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex WordPattern();

    /// <summary>psql's page of hits and total for <paramref name="text"/> must be the API's: otherwise the SQL here is out of step with the handler.</summary>
    private static void CheckSameAnswer(LocalPostgres pg, string text, JsonElement api)
    {
        var (hits, facets) = SearchSql(text);
        var ids = Psql(pg, "catbench", $"select x.\"ProductId\" from ({hits}) x").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim()).Where(l => Guid.TryParse(l, out _)).ToList();
        var total = Psql(pg, "catbench", $"select coalesce(sum(x.n), 0) from ({facets}) x(slugs, brand, price, rating, stock, n)")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Last(l => long.TryParse(l, out _));
        var apiIds = api.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("productId").GetString()!).ToList();
        if (!ids.SequenceEqual(apiIds) || long.Parse(total) != api.GetProperty("total").GetInt64())
            throw new InvalidOperationException($"psql's answer for '{text}' ({ids.Count} hits, total {total}) is not the API's ({apiIds.Count} hits, total " +
                $"{api.GetProperty("total").GetInt64()}): the benchmark's SQL is out of step with SearchSql.");
    }

    /// <summary>
    /// Prepares the statements of one search (the API's connections prepare them too), runs them <paramref name="times"/> times
    /// (after 20 warm-up), each round trip as one string (`\;`), and returns each search's total time.
    /// </summary>
    private static List<double> PsqlTimings(LocalPostgres pg, string database, List<string[]> roundTrips, int times)
    {
        var script = new StringBuilder("\\o /dev/null\n");
        var names = roundTrips.Select(trip => trip.Select(_ => "").ToArray()).ToArray();
        var n = 0;
        for (var t = 0; t < roundTrips.Count; t++)
            for (var s = 0; s < roundTrips[t].Length; s++)
            {
                names[t][s] = $"s{n++}";
                script.AppendLine($"prepare {names[t][s]} as {roundTrips[t][s]};");
            }
        script.AppendLine("\\timing on");
        for (var i = 0; i < 20 + times; i++)
            foreach (var trip in names) script.AppendLine(string.Join(" \\; ", trip.Select(name => $"execute {name}")) + ";");
        var file = Path.GetTempFileName();
        File.WriteAllText(file, script.ToString());
        var output = Psql(pg, database, null, file);
        File.Delete(file);
        var each = TimeLine().Matches(output).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (each.Count != (20 + times) * roundTrips.Count)
            throw new InvalidOperationException($"psql printed {each.Count} timings for {(20 + times) * roundTrips.Count} round trips.");
        return each.Chunk(roundTrips.Count).Skip(20).Select(c => c.Sum()).ToList();
    }

    [GeneratedRegex(@"Time: ([0-9.]+) ms")]
    private static partial Regex TimeLine();

    internal static string Psql(LocalPostgres pg, string database, string? command, string? file = null)
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
