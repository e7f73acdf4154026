using AddisPay.IntegrationTests.Infrastructure;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

/// <summary>
/// Every business module as two replicas (one process each) behind nginx (<see cref="ReplicaRouter"/>), the modules' own
/// Contracts calls through it too, under a checkout load while the leader of one module's event subscription after another
/// is SIGKILLed and restarted (issue 22, items 1 and 4). Prints per module the failover time of its inbox (SIGKILL of the
/// replica handling its events to the first event the inbox moved past after it: Marten's progression table), the largest
/// lag and backlog seen, and the events per second each subscription moved through, which replicas cannot raise: one
/// replica at a time runs it.
/// `dotnet run -c Release --project tests/AddisPay.Benchmarks -- replicas [--clients 8] [--seconds 60] [--kills 4] [--replicas 2]`
/// </summary>
internal static class ReplicasBenchmark
{
    private static readonly string[] Modules = ["products", "users", "cart", "orders", "payments", "notifications", "search", "reviews", "recommendations"];

    /// <summary>The inboxes the kills go after, those a checkout feeds first.</summary>
    private static readonly string[] KillOrder = ["orders", "notifications", "cart", "payments", "search", "recommendations", "products", "users", "reviews"];

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Arg(args, "--clients", 8);
        var seconds = Arg(args, "--seconds", 60);
        var kills = Arg(args, "--kills", 4);
        var replicas = Math.Max(1, Arg(args, "--replicas", 2));
        Console.Error.WriteLine("Building the Host (Release)...");
        var hostDll = BenchHost.BuildHost();
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-replicas-bench-{Guid.NewGuid():N}");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
        var children = new List<Process>();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        ReplicaRouter? router = null;
        try
        {
            pg.EnsureDatabase("replicas");
            var db = pg.ConnectionString("replicas");
            await using var smtp = new SmtpSink();
            var ports = Modules.ToDictionary(m => m, _ => Enumerable.Range(0, replicas).Select(_ => BenchHost.FreePort()).ToArray());
            var routerPort = BenchHost.FreePort();
            var url = $"http://127.0.0.1:{routerPort}";
            var env = new Dictionary<string, string>
            {
                ["AddisPay__Notifications__Email__Host"] = "127.0.0.1",
                ["AddisPay__Notifications__Email__Port"] = smtp.Port.ToString(),
                ["AddisPay__Notifications__Email__Security"] = "None",
                ["AddisPay__Payments__ReconcileInterval"] = "01:00:00",
                ["AddisPay__Payments__PublicBaseUrl"] = url,
                ["AddisPay__Payments__ReturnOrigins__0"] = url,
                ["AddisPay__Orders__PaymentWindow"] = "00:30:00",
                ["AddisPay__Notifications__Delivery__Concurrency"] = "16",
            };
            foreach (var m in Modules) env[$"AddisPay__Endpoints__{m}"] = url + "/";
            router = await ReplicaRouter.StartAsync(routerPort, Modules.Select(m => (new[] { m }, ports[m])).ToList());
            var processes = Modules.ToDictionary(m => m, _ => new Process?[replicas]);
            async Task StartAsync(string module, int replica, bool migrate)
            {
                var settings = migrate ? env : new Dictionary<string, string>(env) { ["AddisPay__MigrateOnStartup"] = "false" };
                var (p, _, ms) = await BenchHost.StartAsync(hostDll, db, key, module, children, settings, TimeSpan.FromMinutes(5), ports[module][replica]);
                processes[module][replica] = p;
                Console.Error.WriteLine($"{module} replica {replica} ready in {ms / 1000:F1} s");
            }
            // The first replica of each migrates (as the release's Job would), the others start as pods of a running release.
            await StartAsync("products", 0, true);
            foreach (var m in Modules.Skip(1)) await StartAsync(m, 0, true);
            for (var r = 1; r < replicas; r++) await Task.WhenAll(Modules.Select(m => StartAsync(m, r, false)));

            var admin = BenchHost.AdminToken(key);
            using var setup = new HttpClient { BaseAddress = router.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
            var products = new List<Guid>();
            for (var i = 0; i < 20; i++)
            {
                using var r = await CheckoutBenchmark.Send(setup, HttpMethod.Post, "/api/products", admin,
                    new { sku = $"REPL-{i:D3}", name = $"Replica coffee {i}", nameAm = "ቡና", priceEtb = 100m + i, stock = 1_000_000, publish = true });
                products.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
            var customers = new List<string>();
            for (var c = 0; c < clients; c++)
            {
                var email = $"replica{c}-{Guid.NewGuid():N}@example.et";
                (await setup.PostAsJsonAsync("/api/users/register", new { email, password = "Teff-and-coffee-42", fullName = "Replica Buyer", phone = "0911234567" })).Dispose();
                await ExecuteAsync(db, $"update users.accounts set \"EmailVerifiedAt\" = now() where \"NormalizedEmail\" = '{email}'");
                using var signIn = await setup.PostAsJsonAsync("/api/users/sign-in", new { email, password = "Teff-and-coffee-42" });
                customers.Add((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
            }

            Console.Error.WriteLine($"load: {clients} clients for {seconds} s, {kills} kills; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
            var watch = SubscriptionWatch.Start(db, TimeSpan.FromMilliseconds(250));
            var clock = Stopwatch.StartNew();
            var load = RunClientsAsync(router.BaseAddress, customers, products, TimeSpan.FromSeconds(seconds), statuses);
            var failovers = new List<(string Module, string Leader, double Seconds)>();
            for (var k = 0; k < kills && replicas > 1; k++)
            {
                var due = TimeSpan.FromSeconds(seconds * (k + 1.0) / (kills + 1.0)) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                var module = KillOrder[k % KillOrder.Length];
                var (leader, how) = await LeaderAsync(module, ports[module]);
                var victim = processes[module][leader]!;
                var before = await PositionAsync(db, module);
                var killedAt = Stopwatch.StartNew();
                Process.Start("kill", ["-KILL", victim.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
                victim.WaitForExit(10_000);
                double? failover = null;
                while (killedAt.Elapsed < TimeSpan.FromSeconds(60))
                {
                    if (await PositionAsync(db, module) > before) { failover = killedAt.Elapsed.TotalSeconds; break; }
                    await Task.Delay(25);
                }
                failovers.Add((module, $"replica {leader} ({how})", failover ?? double.NaN));
                Console.Error.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: SIGKILL {module} replica {leader} ({how}); its inbox moved again after {failover:F2} s");
                _ = StartAsync(module, leader, false);
            }
            var checkouts = await load;
            var loadSeconds = clock.Elapsed.TotalSeconds;
            await WaitAllPaidAsync(db, TimeSpan.FromMinutes(5));
            var subscriptions = await watch.StopAsync();

            Console.WriteLine($"""

                ### Replicas: {Modules.Length} modules x {replicas} replicas behind nginx, {clients} clients, {seconds} s, {kills} SIGKILLs of a subscription's leader
                load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}
                checkouts placed and paid: {checkouts} in {loadSeconds:F0} s = {checkouts / loadSeconds:F1}/s; events appended {watch.AppendedPerSecond:F0}/s
                answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}"))}

                | module killed | replica killed | inbox moved again after (s) |
                |---|---|---|
                {string.Join("\n", failovers.Select(f => $"| {f.Module} | {f.Leader} | {f.Seconds:F2} |"))}

                | subscription | events/s moved through | largest backlog | oldest unreached event (s) |
                |---|---|---|---|
                {string.Join("\n", subscriptions.Select(s => $"| {s.Subscription} | {s.EventsPerSecond:F1} | {s.MaxBacklog} | {s.MaxLagSeconds:F1} |"))}
                """);
            return 0;
        }
        finally
        {
            foreach (var p in children) BenchHost.Stop(p);
            if (router is not null) await router.DisposeAsync();
            pg.Stop();
            try { Directory.Delete(dataDir, true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Which replica handles the module's events now: the one whose handled-events counter grows over a second
    /// (`addispay_integration_events_handled_total`, each replica's own /metrics). Replica 0 when neither moved.
    /// </summary>
    private static async Task<(int Replica, string How)> LeaderAsync(string module, int[] ports)
    {
        async Task<double[]> HandledAsync()
        {
            var counts = new double[ports.Length];
            for (var i = 0; i < ports.Length; i++)
            {
                try
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                    var text = await http.GetStringAsync($"http://127.0.0.1:{ports[i]}/metrics");
                    counts[i] = Regex.Matches(text, $@"^addispay_integration_events_handled_total\{{[^}}]*subscription=""{module}-inbox""[^}}]*\}} (\S+)$", RegexOptions.Multiline)
                        .Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { counts[i] = double.NaN; }
            }
            return counts;
        }
        var first = await HandledAsync();
        await Task.Delay(1000);
        var second = await HandledAsync();
        for (var i = 0; i < ports.Length; i++)
            if (second[i] > first[i]) return (i, "leader by its handled-events counter");
        return (0, "no replica handled an event in a second");
    }

    private static async Task<long> PositionAsync(string db, string module)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select coalesce(max(last_seq_id), 0) from events.mt_event_progression where name like '{module}-inbox:%'", conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    /// <summary>
    /// Checkouts as CheckoutBenchmark's clients make them, through the router: a 503 or 409 with Retry-After is waited out and
    /// sent again with the same Idempotency-Key; every answer's status is counted.
    /// </summary>
    private static async Task<int> RunClientsAsync(Uri baseUrl, List<string> customers, List<Guid> products, TimeSpan duration,
        System.Collections.Concurrent.ConcurrentDictionary<string, int> statuses)
    {
        var done = 0;
        var until = DateTime.UtcNow + duration;
        await Task.WhenAll(customers.Select(async (token, c) =>
        {
            using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
            var random = new Random(c);
            async Task<JsonElement> SendAsync(HttpMethod method, string url, object? body = null, string? key = null, bool bearer = true)
            {
                while (true)
                {
                    using var r = new HttpRequestMessage(method, url);
                    if (body is FormUrlEncodedContent form) r.Content = form;
                    else if (body is not null) r.Content = JsonContent.Create(body);
                    if (bearer) r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    if (key is not null) r.Headers.Add("Idempotency-Key", key);
                    using var response = await http.SendAsync(r);
                    var status = (int)response.StatusCode + (response.Headers.RetryAfter is not null ? " (Retry-After)" : "");
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (response.IsSuccessStatusCode)
                    {
                        var text = await response.Content.ReadAsStringAsync();
                        return text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
                    }
                    if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict && response.Headers.RetryAfter is not null)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(response.Headers.RetryAfter.Delta?.TotalMilliseconds ?? 1000, 1000)));
                        if (body is FormUrlEncodedContent) body = new FormUrlEncodedContent([new("outcome", "success")]);
                        continue;
                    }
                    throw new InvalidOperationException($"{method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            while (DateTime.UtcNow < until)
            {
                var cartId = (await SendAsync(HttpMethod.Post, "/api/cart")).GetProperty("id").GetGuid();
                await SendAsync(HttpMethod.Post, $"/api/cart/{cartId}/items", new { productId = products[random.Next(products.Count)], quantity = 1 + random.Next(3) });
                var orderId = (await SendAsync(HttpMethod.Post, "/api/orders", new
                {
                    cartId, shippingAddress = new { recipient = "Replica Buyer", phone = "0911234567", region = "Addis Ababa", city = "Addis Ababa", details = "Bole road 1" }
                }, Guid.NewGuid().ToString())).GetProperty("id").GetGuid();
                var pay = await SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/payments", new { gateway = "sandbox" }, Guid.NewGuid().ToString());
                var checkout = new Uri(pay.GetProperty("checkoutUrl").GetString()!).PathAndQuery;
                await SendAsync(HttpMethod.Post, checkout, new FormUrlEncodedContent([new("outcome", "success")]), bearer: false);
                Interlocked.Increment(ref done);
            }
        }));
        return done;
    }

    private static async Task WaitAllPaidAsync(string db, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            await using var conn = new NpgsqlConnection(db);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select count(*) from orders.orders where \"Status\" = 'PendingPayment'", conn);
            if (Convert.ToInt64(await cmd.ExecuteScalarAsync()) == 0) return;
            await Task.Delay(200);
        }
        Console.Error.WriteLine("some orders were still unpaid after the wait");
    }

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
