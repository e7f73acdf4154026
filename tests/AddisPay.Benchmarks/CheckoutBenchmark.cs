using System.Text.RegularExpressions;

/// <summary>
/// Checkouts per second end to end over HTTP with the sandbox gateway: new cart, add item, place order
/// (Idempotency-Key), start payment, pay on the sandbox page; an order counts when the saga has marked it
/// paid (stock committed, receipt numbered). Against it, in the same run, pgbench executing the same
/// database writes as plain SQL transactions: the ceiling the database alone allows on this machine.
/// </summary>
internal static class CheckoutBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Arg(args, "--clients", 16);
        var seconds = Arg(args, "--seconds", 20);
        // --runs N: N timed runs after one warm-up, each paired with its own pgbench ceiling; the median ratio is reported.
        var runs = Math.Max(1, Arg(args, "--runs", 1));
        // The Host keeps JIT-compiling hot methods to their optimised tier (with profile-guided optimisation) for
        // almost two minutes of full load: 7,000-9,000 methods per 10 s in the first 30 s, still ~1,200 per 10 s after
        // 100 s (14% of the Host's CPU), ~50 per 10 s from 110 s on (methods counted in the perf map, 2026-11-30).
        // The timed run measures the warmed process.
        var warmup = Arg(args, "--warmup", 120);
        // --modules: which modules the Host runs (all by default); a subset shows what the others' event handling costs.
        var modules = args.SkipWhile(a => a != "--modules").Skip(1).FirstOrDefault() ?? "all";
        // --backlog MODULE: the Host runs every module but MODULE, so MODULE's inbox builds up a backlog of the whole
        // load; after the last run a process of MODULE alone starts and its catch-up rate is the ceiling of one
        // subscription on this machine (issue 22, item 4).
        var backlog = args.SkipWhile(a => a != "--backlog").Skip(1).FirstOrDefault();
        if (backlog is not null)
            modules = string.Join(',', new[] { "users", "products", "cart", "orders", "payments", "notifications", "search", "recommendations", "reviews" }
                .Where(m => m != backlog));
        // --host-env NAME=VALUE (repeatable): runs the Host with a setting changed, to try a runtime or pool setting
        // against the same load without rebuilding (e.g. DOTNET_gcServer=1, ConnectionStrings__AddisPay is set below).
        var hostEnv = args.Select((a, i) => (a, i)).Where(p => p.a == "--host-env" && p.i + 1 < args.Length)
            .Select(p => args[p.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "");
        // --db-options "Maximum Pool Size=20;...": appended to the Host's connection string.
        var dbOptions = args.SkipWhile(a => a != "--db-options").Skip(1).FirstOrDefault();
        Console.Error.WriteLine("Building the Host (Release)...");
        var hostDll = BenchHost.BuildHost();
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-checkout-bench-{Guid.NewGuid():N}");
        // --statements: count what PostgreSQL executes per checkout (pg_stat_statements), printed after the run.
        var statements = args.Contains("--statements");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine,
            statements ? "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top -c pg_stat_statements.track_planning=on" : null);
        var children = new List<Process>();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        try
        {
            pg.EnsureDatabase("checkout");
            var db = pg.ConnectionString("checkout");
            await using var smtp = new SmtpSink();
            var env = new Dictionary<string, string>
            {
                ["AddisPay__Notifications__Email__Host"] = "127.0.0.1",
                ["AddisPay__Notifications__Email__Port"] = smtp.Port.ToString(),
                ["AddisPay__Notifications__Email__Security"] = "None",
                ["AddisPay__Payments__ReconcileInterval"] = "01:00:00",
                ["AddisPay__Events__Inbox__BaseDelayMs"] = "20",
                // Enough delivery rounds for the order emails to keep up with the checkouts (four fall behind at this rate).
                ["AddisPay__Notifications__Delivery__Concurrency"] = "16",
            };
            foreach (var (k, v) in hostEnv) env[k] = v;
            if (backlog is not null)
            {
                // Its schema exists before the load (as after a release's migrate Job); its inbox starts only after the runs.
                var (migrated, _, _) = await BenchHost.StartAsync(hostDll, db, key, backlog, children, env);
                BenchHost.Stop(migrated);
            }
            var (host, port, _) = await BenchHost.StartAsync(hostDll, dbOptions is null ? db : $"{db};{dbOptions}", key, modules, children, env);
            var baseUrl = new Uri($"http://127.0.0.1:{port}");
            var admin = BenchHost.AdminToken(key);

            // Catalogue: 50 products with stock that won't run out; one signed-up customer per client.
            using var setup = new HttpClient { BaseAddress = baseUrl };
            var products = new List<Guid>();
            for (var i = 0; i < 50; i++)
            {
                using var r = await Send(setup, HttpMethod.Post, "/api/products", admin,
                    new { sku = $"BENCH-{i:D3}", name = $"Bench coffee {i}", nameAm = "ቡና", priceEtb = 100m + i, stock = 1_000_000, publish = true });
                products.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
            var customers = new List<string>();
            for (var c = 0; c < clients; c++)
            {
                var email = $"bench{c}-{Guid.NewGuid():N}@example.et";
                (await setup.PostAsJsonAsync("/api/users/register", new { email, password = "Teff-and-coffee-42", fullName = "Bench Buyer", phone = "0911234567" })).Dispose();
                // Checkout takes a verified address; confirmed here directly, so the token says so and no order asks Users.
                await ExecuteAsync(db, $"update users.accounts set \"EmailVerifiedAt\" = now() where \"NormalizedEmail\" = '{email}'");
                using var signIn = await setup.PostAsJsonAsync("/api/users/sign-in", new { email, password = "Teff-and-coffee-42" });
                customers.Add((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
            }

            // Warm-up, then the timed runs. Each run is a pair: AddisPay's window, then pgbench's with the Host paused
            // (SIGSTOP: no background work of it slows the ceiling down, and it resumes warm), each on a quiet database. The machine's speed drifts
            // by ±10% over minutes, so a ratio is only taken within a pair, and --runs N reports the pairs' median.
            await RunClientsAsync(baseUrl, customers, products, TimeSpan.FromSeconds(warmup));
            var results = new List<RunResult>();
            var watches = new List<(double Appended, IReadOnlyList<SubscriptionWatch.Figures> Subscriptions)>();
            for (var run = 1; run <= runs; run++)
            {
                await WaitAllPaidAsync(db, TimeSpan.FromMinutes(2));
                await WaitForQuietDatabaseAsync(db);
                var before = await CountAsync(db, "select count(*) from orders.orders where \"Status\" = 'Paid'");
                var queuedBefore = await CountAsync(db, "select count(*) from notifications.messages where \"Status\" in ('queued', 'failed')");
                if (statements) await ExecuteAsync(db, "create extension if not exists pg_stat_statements; select pg_stat_statements_reset()");
                var (hostCpu0, pgCpu0, clientCpu0) = (CpuSeconds(host.Id), PostgresCpuSeconds(dataDir), CpuSeconds(Environment.ProcessId));
                var emails0 = smtp.Accepted;
                var sw = Stopwatch.StartNew();
                var watch = SubscriptionWatch.Start(db);
                var latencies = await RunClientsAsync(baseUrl, customers, products, TimeSpan.FromSeconds(seconds));
                var placedIn = sw.Elapsed;
                await WaitAllPaidAsync(db, TimeSpan.FromMinutes(5));
                var paidIn = sw.Elapsed;
                var subscriptions = await watch.StopAsync();
                Console.Error.WriteLine($"run {run}: {watch.AppendedPerSecond:F0} events appended/s; " + string.Join("; ", subscriptions.Select(f =>
                    $"{f.Subscription} {f.EventsPerSecond:F0}/s, backlog ≤ {f.MaxBacklog}, lag ≤ {f.MaxLagSeconds:F1} s")));
                watches.Add((watch.AppendedPerSecond, subscriptions));
                var (hostCpu, pgCpu, clientCpu) = (CpuSeconds(host.Id) - hostCpu0, PostgresCpuSeconds(dataDir) - pgCpu0, CpuSeconds(Environment.ProcessId) - clientCpu0);
                var paid = await CountAsync(db, "select count(*) from orders.orders where \"Status\" = 'Paid'") - before;
                var endToEnd = paid / paidIn.TotalSeconds;
                Console.Error.WriteLine($"run {run}: {paid} checkouts paid in {paidIn.TotalSeconds:F1} s ({endToEnd:F1}/s); requests done in {placedIn.TotalSeconds:F1} s; {smtp.Accepted} emails sent so far");
                // Emails are sent after the checkout, from the delivery log: a backlog that grows over the run is work the
                // measured rate did not pay for, so it is reported beside it.
                var emailsQueued = await CountAsync(db, "select count(*) from notifications.messages where \"Status\" in ('queued', 'failed')");
                if (statements) await PrintStatementsAsync(db, paid);

                foreach (var p in children) BenchHost.Pause(p);
                double pgbench, pgbenchCpu, minimal;
                try
                {
                    await WaitForQuietDatabaseAsync(db);
                    var pgCpuBefore = PostgresCpuSeconds(dataDir);
                    pgbench = RunPgbench(pg, db, clients, seconds, "checkout.pgbench.sql");
                    pgbenchCpu = (PostgresCpuSeconds(dataDir) - pgCpuBefore) * 1000 / (pgbench * seconds);
                    // The second ceiling (issue 21 item 4): the minimal checkout transaction any shop needs, so that adding
                    // writes to AddisPay lowers its ratio instead of raising the replay's ceiling with it.
                    await WaitForQuietDatabaseAsync(db);
                    minimal = RunPgbench(pg, db, clients, seconds, "checkout.minimal.pgbench.sql");
                    // Its tables go before AddisPay's next window, so that window doesn't vacuum them.
                    await ExecuteAsync(db, "drop schema if exists pgb cascade");
                }
                finally
                {
                    foreach (var p in children) BenchHost.Resume(p);
                }
                Console.Error.WriteLine($"run {run}: pgbench {pgbench:F1} checkouts/s, ratio {endToEnd / pgbench:F3}; minimal transaction {minimal:F1}/s, ratio {endToEnd / minimal:F3}");
                results.Add(new RunResult(DateTime.UtcNow, paid, paidIn.TotalSeconds, endToEnd, pgbench, minimal, hostCpu * 1000 / paid, pgCpu * 1000 / paid,
                    clientCpu * 1000 / paid, pgbenchCpu, BenchHost.Percentile(latencies, 50), BenchHost.Percentile(latencies, 95), queuedBefore, emailsQueued,
                    smtp.Accepted - emails0));
            }

            var command = $"dotnet run -c Release --project tests/AddisPay.Benchmarks -- checkout --clients {clients} --seconds {seconds} --warmup {warmup}" +
                (runs == 1 ? "" : $" --runs {runs}") + (backlog is not null ? $" --backlog {backlog}" : modules == "all" ? "" : $" --modules {modules}") +
                string.Concat(hostEnv.Select(kv => $" --host-env {kv.Key}={kv.Value}")) + (dbOptions is null ? "" : $" --db-options \"{dbOptions}\"");
            Console.WriteLine($"""
                ### Checkout: end to end over HTTP vs the same writes in pgbench

                Command: `{command}`
                Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; PostgreSQL {BenchHost.PgVersion(db)} on loopback (fsync off); client, server and database share the cores.
                Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. After {warmup} s of the same load, {clients} concurrent customers for {seconds} s, each checkout = new cart, add item, place order (Idempotency-Key),
                start a sandbox payment, pay on the sandbox page; counted when Orders has marked the order paid (stock committed, receipt numbered).
                Each run: AddisPay's window, then pgbench ({clients} clients, {seconds} s, `tests/AddisPay.Benchmarks/checkout.pgbench.sql`: the same database
                writes as SQL, the replay ceiling), then pgbench again with `checkout.minimal.pgbench.sql` (3 stock reservations, the order, 3 lines, one
                outbox row in one transaction: the minimal ceiling), both with the Host paused; each window starts when no autovacuum worker is busy;
                the ratios are taken within the run.

                | run | AddisPay checkouts/s | replay ceiling/s | ratio to replay | minimal transaction/s | ratio to minimal (target ≥ 0.08) | CPU per checkout: Host / PostgreSQL / load generator; PostgreSQL under pgbench | customer's five requests: median / p95 | emails waiting: start → end |
                |---|---|---|---|---|---|---|---|---|
                """);
            foreach (var (r, i) in results.Select((r, i) => (r, i + 1)))
                Console.WriteLine($"| {i} ({r.At:HH:mm}) | {r.EndToEnd:F1} ({r.Paid} paid in {r.PaidIn:F1} s) | {r.Ceiling:F1} | {r.EndToEnd / r.Ceiling:F3} | {r.Minimal:F1} | {r.EndToEnd / r.Minimal:F3} | " +
                                  $"{r.HostMs:F1} / {r.PgMs:F1} / {r.ClientMs:F1} ms; {r.PgbenchMs:F1} ms | {r.P50:F0} / {r.P95:F0} ms | {r.QueuedBefore} → {r.QueuedAfter} |");
            if (results.Count > 1)
            {
                static double Median(IEnumerable<double> xs) { var a = xs.Order().ToArray(); return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2; }
                Console.WriteLine($"| median | {Median(results.Select(r => r.EndToEnd)):F1} | {Median(results.Select(r => r.Ceiling)):F1} | **{Median(results.Select(r => r.EndToEnd / r.Ceiling)):F3}** | " +
                                  $"{Median(results.Select(r => r.Minimal)):F1} | **{Median(results.Select(r => r.EndToEnd / r.Minimal)):F3}** | " +
                                  $"{Median(results.Select(r => r.HostMs)):F1} / {Median(results.Select(r => r.PgMs)):F1} / {Median(results.Select(r => r.ClientMs)):F1} ms; {Median(results.Select(r => r.PgbenchMs)):F1} ms | " +
                                  $"{Median(results.Select(r => r.P50)):F0} / {Median(results.Select(r => r.P95)):F0} ms | |");
            }
            Console.WriteLine($"\nOrder emails (placed, paid) went to a local SMTP sink: {smtp.Accepted} accepted by the end.");

            // Each inbox during the timed windows (from the first request until every order is paid): events per second it
            // moved through (it moves over the log's other events too), its largest backlog, and the age of the oldest event
            // it had not reached. One process runs each subscription, whatever the replica count.
            Console.WriteLine($"""

                Event subscriptions during the timed windows (sampled every 0.5 s; events appended to the log: {string.Join(" / ", watches.Select(w => $"{w.Appended:F0}"))} per second):

                | subscription | events moved through per second (per run) | largest backlog, events | oldest unreached event, s |
                |---|---|---|---|
                """);
            foreach (var name in watches.SelectMany(w => w.Subscriptions).Select(f => f.Subscription).Distinct().Order())
            {
                var per = watches.Select(w => w.Subscriptions.FirstOrDefault(f => f.Subscription == name)).Where(f => f is not null).ToList();
                Console.WriteLine($"| {name} | {string.Join(" / ", per.Select(f => $"{f!.EventsPerSecond:F0}"))} | {per.Max(f => f!.MaxBacklog)} | {per.Max(f => f!.MaxLagSeconds):F1} |");
            }
            if (backlog is not null)
            {
                // The ceiling: the module's inbox alone on its own process, through everything the load appended.
                // It reaches the other modules (a customer's address, an order's lines) in the Host that ran the load.
                var alone = new Dictionary<string, string>(env);
                foreach (var module in modules.Split(',')) alone[$"AddisPay__Endpoints__{module}"] = baseUrl.ToString().TrimEnd('/');
                await BenchHost.StartAsync(hostDll, db, key, backlog, children, alone);
                var (events, caughtUpIn) = await SubscriptionWatch.CatchUpAsync(db, $"{backlog}-inbox", TimeSpan.FromMinutes(30));
                Console.WriteLine($"""

                    Ceiling of one subscription: `{backlog}-inbox` started on its own process ({backlog} only) after the runs, with a backlog of the whole load
                    (warm-up and runs; no other load): moved through {events} events in {caughtUpIn:F1} s = **{events / caughtUpIn:F0} events/s**.
                    """);
            }
            return 0;
        }
        finally
        {
            foreach (var p in children) BenchHost.Stop(p);
            pg.Stop();
            try { Directory.Delete(dataDir, true); } catch (IOException) { }
        }
    }

    private sealed record RunResult(DateTime At, long Paid, double PaidIn, double EndToEnd, double Ceiling, double Minimal, double HostMs, double PgMs, double ClientMs,
        double PgbenchMs, double P50, double P95, long QueuedBefore, long QueuedAfter, long Emails);

    private static async Task<List<double>> RunClientsAsync(Uri baseUrl, List<string> customers, List<Guid> products, TimeSpan duration)
    {
        var latencies = new List<double>();
        var until = DateTime.UtcNow + duration;
        await Task.WhenAll(customers.Select(async (token, c) =>
        {
            using var http = new HttpClient { BaseAddress = baseUrl };
            var random = new Random(c);
            while (DateTime.UtcNow < until)
            {
                var sw = Stopwatch.StartNew();
                using var cart = await Send(http, HttpMethod.Post, "/api/cart", token);
                var cartId = (await cart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                (await Send(http, HttpMethod.Post, $"/api/cart/{cartId}/items", token, new { productId = products[random.Next(products.Count)], quantity = 1 + random.Next(3) })).Dispose();
                using var order = await Send(http, HttpMethod.Post, "/api/orders", token, new
                {
                    cartId, shippingAddress = new { recipient = "Bench Buyer", phone = "0911234567", region = "Addis Ababa", city = "Addis Ababa", details = "Bole road 1" }
                }, Guid.NewGuid().ToString());
                var orderId = (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                using var pay = await Send(http, HttpMethod.Post, $"/api/orders/{orderId}/payments", token, new { gateway = "sandbox" });
                var checkout = new Uri((await pay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkoutUrl").GetString()!).PathAndQuery;
                using var paid = await http.PostAsync(checkout, new FormUrlEncodedContent([new("outcome", "success")]));
                if (!paid.IsSuccessStatusCode) throw new InvalidOperationException($"sandbox payment answered {(int)paid.StatusCode}");
                lock (latencies) latencies.Add(sw.Elapsed.TotalMilliseconds);
            }
        }));
        return latencies;
    }

    /// <summary>A bearer request (with an Idempotency-Key when given) that must succeed; the split benchmark sends through it too.</summary>
    internal static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string url, string token, object? body = null, string? key = null)
    {
        var r = new HttpRequestMessage(method, url);
        if (body is not null) r.Content = JsonContent.Create(body);
        r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null) r.Headers.Add("Idempotency-Key", key);
        var response = await http.SendAsync(r);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task WaitAllPaidAsync(string db, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (await CountAsync(db, "select count(*) from orders.orders where \"Status\" = 'PendingPayment'") > 0)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("Orders still pending payment after the run");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits (up to a minute) until no autovacuum worker is busy. Autovacuum cleans up after the window before it and
    /// its CPU counts as PostgreSQL's: left running, it came into pgbench's window in some runs (3.2 instead of 2.5-2.8 ms
    /// of PostgreSQL per pgbench checkout, a ceiling of 494 instead of ~590/s), so each window starts on a quiet database.
    /// </summary>
    private static async Task WaitForQuietDatabaseAsync(string db)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < until &&
               await CountAsync(db, "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'") > 0)
            await Task.Delay(250);
    }

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using var c = new Npgsql.NpgsqlConnection(db);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Statements per paid checkout (the timed run and its saga), most frequent first, to stderr.</summary>
    private static async Task PrintStatementsAsync(string db, long paid)
    {
        await using var c = new Npgsql.NpgsqlConnection(db);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("""
            select calls, total_exec_time, left(regexp_replace(query, '\s+', ' ', 'g'), 150), sum(calls) over (), count(*) over (), plans, total_plan_time
              from pg_stat_statements where query not like '%pg_stat_statements%' order by calls desc
            """, c);
        await using var r = await cmd.ExecuteReaderAsync();
        var first = true;
        while (await r.ReadAsync())
        {
            if (first) Console.Error.WriteLine($"--- {r.GetDecimal(3) / paid:F1} statements per paid checkout ({r.GetInt64(4)} distinct); per checkout: calls, exec ms, plans, plan ms, statement");
            first = false;
            // Plans: how often the statement was planned again (a prepared statement kept on custom plans is planned at every call).
            Console.Error.WriteLine($"{r.GetInt64(0) / (double)paid,7:F2} {r.GetDouble(1) / paid,7:F3} {r.GetInt64(5) / (double)paid,6:F2} {r.GetDouble(6) / paid,7:F3}  {r.GetString(2)}");
        }
    }

    private static async Task<long> CountAsync(string db, string sql)
    {
        await using var c = new Npgsql.NpgsqlConnection(db);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>pgbench over the script's tables (created in schema pgb of the same database); returns transactions (= checkouts) per second.</summary>
    private static double RunPgbench(LocalPostgres pg, string db, int clients, int seconds, string scriptName)
    {
        var script = Path.Combine(BenchHost.Root, "tests/AddisPay.Benchmarks", scriptName);
        var schema = Path.Combine(BenchHost.Root, "tests/AddisPay.Benchmarks/checkout.pgbench.schema.sql");
        var b = new Npgsql.NpgsqlConnectionStringBuilder(db);
        using (var c = new Npgsql.NpgsqlConnection(db))
        {
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand(File.ReadAllText(schema), c);
            cmd.ExecuteNonQuery();
        }
        var psi = new ProcessStartInfo("pgbench", ["-n", "-M", "prepared", "-f", script, "-c", clients.ToString(), "-j", "2", "-T", seconds.ToString(),
            "-h", b.Host!, "-p", b.Port.ToString(), "-U", b.Username!, b.Database!]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        var m = Regex.Match(output, @"tps = ([\d.]+)");
        return m.Success ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : throw new InvalidOperationException("pgbench printed no tps: " + output);
    }

    /// <summary>User + system CPU of a process, from /proc (Linux).</summary>
    private static double CpuSeconds(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime, stime in clock ticks (USER_HZ = 100)
        }
        catch (IOException) { return 0; }
    }

    /// <summary>
    /// CPU of this run's PostgreSQL cluster only (other clusters on the machine are not counted): the postmaster,
    /// its live backends, and the backends that already exited (reaped by the postmaster, so in its cutime/cstime).
    /// </summary>
    private static double PostgresCpuSeconds(string dataDirectory)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim());
        static string[] Stat(int pid) => File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var own = Stat(postmaster);
        var total = (long.Parse(own[11]) + long.Parse(own[12]) + long.Parse(own[13]) + long.Parse(own[14])) / 100.0; // utime stime cutime cstime
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var f = Stat(pid);
                if (int.Parse(f[1]) == postmaster) total += (long.Parse(f[11]) + long.Parse(f[12])) / 100.0; // field 4: parent pid
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return total;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
