using AddisPay.Benchmarks;
using System.Collections.Concurrent;

/// <summary>
/// A shop's workload mix (issue 21 item 5) against the all-in-one process and the split topology, alternated in one run:
/// closed-loop virtual shoppers, each with its own account, token and cart, choosing actions by <see cref="WorkloadMix"/>
/// (product views, add to cart, cart views, home page, checkouts paid in the sandbox, searches with common words and
/// misspellings) on random real products. Both topologies run on copies of one seeded database; the side not measured is
/// paused (SIGSTOP), so each window has the machine to itself and the ratio split/all is taken within the run.
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- mix [--seconds 20] [--connections 16]
/// [--products 10000] [--rounds 2] [--warmup 60] [--built-host path/AddisPay.Host.dll]
/// </summary>
internal static class MixBenchmark
{
    /// <summary>The nine API modules, each its own process in the split topology, plus the storefront for the home page.</summary>
    private static readonly string[] ApiModules = ["users", "products", "cart", "orders", "payments", "notifications", "search", "recommendations", "reviews"];

    private static readonly string[] SplitProcesses = [.. ApiModules, "storefront"];

    /// <summary>Searches shoppers type: common catalogue words, a phrase, misspellings (corrected by the lexicon) and Amharic.</summary>
    private static readonly string[] SearchTerms =
        ["coffee", "honey", "berbere", "tea", "leather sandals", "forest honey", "yirgachefe", "berbre", "smartphon", "cofee", "hony", "ቡና"];

    private static readonly object Address = new { recipient = "Bench Buyer", phone = "0911234567", region = "Addis Ababa", city = "Addis Ababa", details = "Bole road 1" };

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
        var seconds = Arg("--seconds", 20);
        var connections = Arg("--connections", 16);
        var productCount = Arg("--products", 10_000);
        var rounds = Math.Max(1, Arg("--rounds", 2));
        var warmup = Arg("--warmup", 60);
        var mix = WorkloadMix.OnlineBoutiqueWithSearch;
        var started = DateTime.UtcNow;
        var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];

        Console.Error.WriteLine("Building the Host (Release)...");
        var hostDll = BenchHost.BuildHost();
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-mix-bench-{Guid.NewGuid():N}");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
        _dataDir = dataDir;
        var children = new List<Process>();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        await using var smtp = new SmtpSink();
        var env = new Dictionary<string, string>
        {
            ["AddisPay__Notifications__Email__Host"] = "127.0.0.1",
            ["AddisPay__Notifications__Email__Port"] = smtp.Port.ToString(),
            ["AddisPay__Notifications__Email__Security"] = "None",
            ["AddisPay__Notifications__Delivery__Concurrency"] = "16",
            ["AddisPay__Payments__ReconcileInterval"] = "01:00:00",
            ["AddisPay__Events__Inbox__BaseDelayMs"] = "20",
            // The shoppers sign in once, before the windows; their tokens must outlive the whole run.
            ["AddisPay__Auth__AccessTokenLifetime"] = "06:00:00",
        };
        try
        {
            // 1. One seeded shop: the demo catalogue at --products, the search index rebuilt, stock that won't run out,
            //    one verified, signed-in customer per connection. Then a copy of it for the split topology.
            pg.EnsureDatabase("mixall");
            var dbAll = pg.ConnectionString("mixall");
            var seed = Stopwatch.StartNew();
            var (seeder, _, _) = await BenchHost.StartAsync(hostDll, dbAll, key, "products", children,
                new(env) { ["AddisPay__DemoData"] = "true", ["AddisPay__Products__DemoProducts"] = productCount.ToString() }, TimeSpan.FromMinutes(30));
            BenchHost.Stop(seeder);
            Console.Error.WriteLine($"seeded {productCount} products in {seed.Elapsed.TotalSeconds:F0} s");
            // A read model at scale is rebuilt by a reindex, not by replaying the seed's events (as the storefront benchmark does).
            foreach (var module in ApiModules)
                CatalogueBenchmark.Psql(pg, "mixall", $"insert into events.mt_event_progression (name, last_seq_id) select '{module}-inbox:All', max(seq_id) from events.mt_events on conflict (name) do update set last_seq_id = excluded.last_seq_id;");
            var (setupHost, setupPort, _) = await BenchHost.StartAsync(hostDll, dbAll, key, "all", children, env, TimeSpan.FromMinutes(3));
            var setupUrl = $"http://127.0.0.1:{setupPort}";
            using var setup = new HttpClient { BaseAddress = new Uri(setupUrl), Timeout = TimeSpan.FromMinutes(30) };
            (await CheckoutBenchmark.Send(setup, HttpMethod.Post, "/api/search/reindex", BenchHost.AdminToken(key))).Dispose();
            // Stock that a run's checkouts cannot exhaust: a sold-out product would answer add-to-cart with 409 and measure refusals.
            CatalogueBenchmark.Psql(pg, "mixall", "update products.variants set \"OnHand\" = 10000000 where \"Reserved\" = 0;");
            var catalogue = await CatalogueAsync(setup, productCount);
            var tokens = new List<string>();
            for (var c = 0; c < connections; c++)
            {
                var email = $"mix{c}-{Guid.NewGuid():N}@example.et";
                (await setup.PostAsJsonAsync("/api/users/register", new { email, password = "Teff-and-coffee-42", fullName = "Mix Shopper", phone = "0911234567" })).EnsureSuccessStatusCode();
                // Checkout takes a verified address; confirmed here directly, so the token says so (as the checkout benchmark does).
                CatalogueBenchmark.Psql(pg, "mixall", $"update users.accounts set \"EmailVerifiedAt\" = now() where \"NormalizedEmail\" = '{email.ToUpperInvariant()}' or \"NormalizedEmail\" = '{email}';");
                using var signIn = await setup.PostAsJsonAsync("/api/users/sign-in", new { email, password = "Teff-and-coffee-42" });
                signIn.EnsureSuccessStatusCode();
                tokens.Add((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
            }
            BenchHost.Stop(setupHost);
            foreach (var table in new[] { "search.documents", "search.entries", "search.lexicon", "products.products", "products.variants" })
                CatalogueBenchmark.Psql(pg, "mixall", $"vacuum analyze {table}");
            CatalogueBenchmark.Psql(pg, "postgres", "create database mixsplit template mixall;");
            var dbSplit = pg.ConnectionString("mixsplit");
            Console.Error.WriteLine($"shop ready: {catalogue.Count} products sampled, {tokens.Count} shoppers");

            // 2. Both topologies, started once and kept warm; the one not measured is paused.
            var (allProcess, allPort, _) = await BenchHost.StartAsync(hostDll, dbAll, key, "all", children, env, TimeSpan.FromMinutes(3));
            var all = new Topology("all", dbAll, [allProcess], _ => $"http://127.0.0.1:{allPort}");
            var ports = SplitProcesses.ToDictionary(m => m, _ => BenchHost.FreePort());
            var splitStarted = new List<Process>();
            foreach (var module in SplitProcesses)
            {
                var moduleEnv = new Dictionary<string, string>(env) { ["AddisPay__MigrateOnStartup"] = "false" };
                foreach (var other in SplitProcesses.Where(m => m != module)) moduleEnv[$"AddisPay__Endpoints__{other}"] = $"http://127.0.0.1:{ports[other]}";
                splitStarted.Add((await BenchHost.StartAsync(hostDll, dbSplit, key, module, children, moduleEnv, TimeSpan.FromMinutes(3), ports[module])).Process);
            }
            var split = new Topology("split", dbSplit, splitStarted, module => $"http://127.0.0.1:{ports[SplitProcesses.Contains(module) ? module : "storefront"]}");

            var windows = new List<Window>();
            var order = new List<Topology>();
            for (var r = 0; r < rounds; r++) order.AddRange([all, split]);
            foreach (var (topology, i) in new[] { all, split }.Concat(order).Select((t, i) => (t, i)))
            {
                var timed = i >= 2;
                var other = topology == all ? split : all;
                foreach (var p in other.Processes) BenchHost.Pause(p);
                foreach (var p in topology.Processes) BenchHost.Resume(p);
                await WaitForQuietDatabaseAsync(topology.Db);
                var window = await RunWindowAsync(topology, i, mix, catalogue, tokens, TimeSpan.FromSeconds(timed ? seconds : warmup));
                Console.Error.WriteLine($"{(timed ? "window" : "warm-up")} {topology.Name}: {window.Total / window.Seconds:F1} req/s, " +
                    string.Join(", ", window.Operations.Select(o => $"{o.Key} {o.Value.Latencies.Count} ok/{o.Value.Failures.Values.Sum()} failed" +
                        (o.Value.Failures.Count > 0 ? $" ({string.Join(", ", o.Value.Failures.Select(f => $"{f.Value}× {f.Key}"))})" : ""))) +
                    $"; checkouts {window.Paid}/{window.Placed} paid" + (window.Unpaid.Count > 0 ? $", not paid: {string.Join(", ", window.Unpaid)}" : ""));
                foreach (var (action, o) in window.Operations)
                    foreach (var (failure, problem) in o.Problems)
                        Console.Error.WriteLine($"  first {action} '{failure}': {problem}");
                if (timed) windows.Add(window);
            }
            foreach (var p in children) BenchHost.Resume(p);

            Console.WriteLine(Report(mix, windows, seconds, connections, productCount, rounds, warmup, started, loadBefore, smtp.Accepted));
            return windows.Any(w => w.Unpaid.Count > 0 || w.Operations.Values.Any(o => o.Failures.Count > 0)) ? 1 : 0;
        }
        finally
        {
            foreach (var p in children) { BenchHost.Resume(p); BenchHost.Stop(p); }
            pg.Stop();
            try { Directory.Delete(dataDir, true); } catch (IOException) { }
        }
    }

    private sealed record Topology(string Name, string Db, List<Process> Processes, Func<string, string> AddressOf);

    /// <summary>The cluster's data directory, whose postmaster.pid leads to PostgreSQL's processes for the CPU figures.</summary>
    private static string _dataDir = "";

    private sealed record Product(Guid Id, string Slug);

    /// <summary>What one operation did in one window: latencies of the successful ones, failures by status (or exception).</summary>
    private sealed class Operation
    {
        public List<double> Latencies { get; } = [];
        public Dictionary<string, int> Failures { get; } = [];

        /// <summary>The first answer's body per failure kind: a 503's problem details name the module and the reason.</summary>
        public Dictionary<string, string> Problems { get; } = [];
    }

    private sealed record Window(string Topology, DateTime At, double Seconds, Dictionary<ShopperAction, Operation> Operations, int Placed, int Paid,
        List<string> Unpaid, string Load, int Late, double Drained, double HostCpuMs, double PgCpuMs)
    {
        public int Total => Operations.Values.Sum(o => o.Latencies.Count);
    }

    /// <summary>Real products from across the catalogue's public list: ids for the cart, slugs for product views.</summary>
    private static async Task<List<Product>> CatalogueAsync(HttpClient http, int productCount)
    {
        var pages = Math.Max(1, productCount / 100);
        var products = new List<Product>();
        foreach (var page in Enumerable.Range(0, 20).Select(i => 1 + i * pages / 20).Distinct())
            foreach (var item in JsonDocument.Parse(await http.GetStringAsync($"/api/products?pageSize=100&page={page}")).RootElement.GetProperty("items").EnumerateArray())
                products.Add(new Product(item.GetProperty("id").GetGuid(), item.GetProperty("slug").GetString()!));
        return products.DistinctBy(p => p.Id).ToList();
    }

    /// <summary>
    /// One window: every shopper in a closed loop (the next action when the last one answered) until the time is up. Each window
    /// draws its own sequence (seeded by shopper and window): with one sequence for all, every window of a slow side stopped at
    /// the same point, each shopper's first checkout.
    /// </summary>
    private static async Task<Window> RunWindowAsync(Topology topology, int index, WorkloadMix mix, List<Product> catalogue, List<string> tokens, TimeSpan duration)
    {
        var operations = Enum.GetValues<ShopperAction>().ToDictionary(a => a, _ => new Operation());
        var placed = new ConcurrentBag<Guid>();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var at = DateTime.UtcNow;
        var (hostCpu0, pgCpu0) = (topology.Processes.Sum(p => CpuSeconds(p.Id)), PostgresCpuSeconds(_dataDir));
        var until = DateTime.UtcNow + duration;
        var late = 0;
        await Task.WhenAll(tokens.Select((token, c) => Task.Run(async () =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
            var shopper = new Shopper(http, topology, token, new Random(c * 7919 + index * 104_729), catalogue);
            while (DateTime.UtcNow < until)
            {
                var action = mix.Pick(shopper.Random.NextDouble());
                var op = operations[action];
                var t = Stopwatch.StartNew();
                string? failure;
                try { failure = await shopper.DoAsync(action, placed); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or JsonException or KeyNotFoundException)
                {
                    failure = e.GetType().Name;
                    shopper.Forget();
                }
                var ms = t.Elapsed.TotalMilliseconds;
                // Counted as wrk counts: what answered within the window. One still running at its end is let finish (its
                // order must still end paid) but neither counted nor timed.
                if (DateTime.UtcNow > until)
                {
                    Interlocked.Increment(ref late);
                    // Not counted, but what a request stuck past the window ended with is often the point (the split checkouts' pay).
                    if (failure is not null) lock (op) op.Problems.TryAdd($"late {failure} after {ms / 1000:F1} s", shopper.LastProblem ?? failure);
                    continue;
                }
                lock (op)
                {
                    if (failure is null) op.Latencies.Add(ms);
                    else
                    {
                        op.Failures[failure] = op.Failures.GetValueOrDefault(failure) + 1;
                        if (shopper.LastProblem is { } problem) op.Problems.TryAdd(failure, problem);
                    }
                }
            }
        })));
        var drained = (DateTime.UtcNow - until).TotalSeconds;
        // CPU the side spent in the window (and its drain): what a request costs, less dependent than throughput on how
        // much of the shared machine the side got. The other side is paused, so PostgreSQL's CPU is this side's.
        var (hostCpu, pgCpu) = (topology.Processes.Sum(p => CpuSeconds(p.Id)) - hostCpu0, PostgresCpuSeconds(_dataDir) - pgCpu0);
        // Every order placed in the window must end paid: the saga (payment → order paid, stock committed) runs on events.
        var (paid, unpaid) = await WaitPaidAsync(topology.Db, placed.ToArray(), TimeSpan.FromMinutes(2));
        var answered = operations.Values.Sum(o => o.Latencies.Count + o.Failures.Values.Sum()) + late;
        return new Window(topology.Name, at, duration.TotalSeconds, operations, placed.Count, paid, unpaid, load, late, drained,
            1000 * hostCpu / answered, 1000 * pgCpu / answered);
    }

    /// <summary>A signed-in customer with a cart, doing one action at a time; returns null when it succeeded, else what failed.</summary>
    private sealed class Shopper(HttpClient http, Topology topology, string token, Random random, List<Product> catalogue)
    {
        public Random Random { get; } = random;
        private Guid? _cart;
        private int _lines;

        public void Forget() { _cart = null; _lines = 0; }

        /// <summary>The last failed answer (process, status, the start of its body), to say which process refused and why.</summary>
        public string? LastProblem { get; private set; }

        public async Task<string?> DoAsync(ShopperAction action, ConcurrentBag<Guid> placed)
        {
            var product = catalogue[Random.Next(catalogue.Count)];
            LastProblem = null;
            switch (action)
            {
                case ShopperAction.ViewProduct:
                    return await GetAsync("products", $"/api/products/{product.Slug}");
                case ShopperAction.Search:
                    return await GetAsync("search", $"/api/search?q={Uri.EscapeDataString(SearchTerms[Random.Next(SearchTerms.Length)])}&pageSize=12");
                case ShopperAction.Home:
                    return await GetAsync("storefront", "/", bearer: false);
                case ShopperAction.ViewCart:
                    return await EnsureCartAsync() ?? await GetAsync("cart", $"/api/cart/{_cart}");
                case ShopperAction.AddToCart:
                    return await AddAsync(product);
                case ShopperAction.Checkout:
                    // Online Boutique's shopper checks out whatever is in the cart; an empty one gets an item first (timed with it).
                    if (_lines == 0 && await AddAsync(product) is { } notAdded) return "add: " + notAdded;
                    var (status, body) = await SendAsync("orders", HttpMethod.Post, "/api/orders", new { cartId = _cart, shippingAddress = Address }, Guid.NewGuid().ToString());
                    if (status != HttpStatusCode.Created && status != HttpStatusCode.OK) return $"place: {(int)status}";
                    var orderId = body.GetProperty("id").GetGuid();
                    placed.Add(orderId);
                    // The cart's ordered lines leave it with the order; the shopper fills a new one.
                    Forget();
                    (status, body) = await SendAsync("orders", HttpMethod.Post, $"/api/orders/{orderId}/payments", new { gateway = "sandbox" });
                    if ((int)status is < 200 or > 299) return $"pay: {(int)status}";
                    var checkout = new Uri(body.GetProperty("checkoutUrl").GetString()!).PathAndQuery;
                    using (var paid = await http.PostAsync(Url("payments", checkout), new FormUrlEncodedContent([new("outcome", "success")])))
                        if (!paid.IsSuccessStatusCode) return $"sandbox: {(int)paid.StatusCode}";
                    return null;
                default:
                    throw new ArgumentOutOfRangeException(nameof(action));
            }
        }

        private async Task<string?> AddAsync(Product product)
        {
            if (await EnsureCartAsync() is { } noCart) return noCart;
            var (status, _) = await SendAsync("cart", HttpMethod.Post, $"/api/cart/{_cart}/items", new { productId = product.Id, quantity = 1 + Random.Next(2) });
            if (status != HttpStatusCode.OK) return $"{(int)status}";
            _lines++;
            return null;
        }

        private async Task<string?> EnsureCartAsync()
        {
            if (_cart is not null) return null;
            var (status, body) = await SendAsync("cart", HttpMethod.Post, "/api/cart", null);
            if ((int)status is < 200 or > 299) return $"new cart: {(int)status}";
            _cart = body.GetProperty("id").GetGuid();
            _lines = body.TryGetProperty("lines", out var lines) && lines.ValueKind == JsonValueKind.Array ? lines.GetArrayLength() : 0;
            return null;
        }

        private string Url(string module, string path) => topology.AddressOf(module) + path;

        private async Task<string?> GetAsync(string module, string path, bool bearer = true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url(module, path));
            if (bearer) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            // Read to the end: a response is served when its body has arrived.
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode}";
        }

        private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string module, HttpMethod method, string path, object? body, string? idempotencyKey = null)
        {
            using var request = new HttpRequestMessage(method, Url(module, path));
            if (body is not null) request.Content = JsonContent.Create(body);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var json = response.IsSuccessStatusCode && bytes.Length > 0 ? JsonDocument.Parse(bytes).RootElement.Clone() : default;
            var text = response.IsSuccessStatusCode ? "" : System.Text.Encoding.UTF8.GetString(bytes);
            LastProblem = response.IsSuccessStatusCode ? null : $"{method} {module}{path}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}";
            return (response.StatusCode, json);
        }
    }

    /// <summary>Waits until every order placed in the window is paid (or the limit passes); returns the paid count and the others' states.</summary>
    private static async Task<(int Paid, List<string> Unpaid)> WaitPaidAsync(string db, Guid[] orders, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            await using var c = new Npgsql.NpgsqlConnection(db);
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("select \"Status\", count(*) from orders.orders where \"Id\" = any(@ids) group by \"Status\"", c);
            cmd.Parameters.AddWithValue("ids", orders);
            var states = new Dictionary<string, int>();
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync()) states[r.GetString(0)] = (int)r.GetInt64(1);
            var paid = states.GetValueOrDefault("Paid");
            var missing = orders.Length - states.Values.Sum();
            if (paid == orders.Length || DateTime.UtcNow > until)
            {
                var unpaid = states.Where(s => s.Key != "Paid").Select(s => $"{s.Value} {s.Key}").ToList();
                if (missing > 0) unpaid.Add($"{missing} not found");
                return (paid, unpaid);
            }
            await Task.Delay(200);
        }
    }

    /// <summary>User + system CPU of a process, from /proc (Linux), in seconds.</summary>
    private static double CpuSeconds(int pid)
    {
        try
        {
            var f = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return (long.Parse(f[11]) + long.Parse(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ = 100)
        }
        catch (IOException) { return 0; }
    }

    /// <summary>
    /// CPU of this run's PostgreSQL cluster (as the checkout benchmark counts it): the postmaster with the backends it reaped,
    /// and its live backends.
    /// </summary>
    private static double PostgresCpuSeconds(string dataDirectory)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim());
        static string[] Stat(int pid) => File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var own = Stat(postmaster);
        var total = (long.Parse(own[11]) + long.Parse(own[12]) + long.Parse(own[13]) + long.Parse(own[14])) / 100.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var f = Stat(pid);
                if (int.Parse(f[1]) == postmaster) total += (long.Parse(f[11]) + long.Parse(f[12])) / 100.0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        return total;
    }

    /// <summary>Each window starts when no autovacuum worker is busy (up to 30 s), as the checkout benchmark's do.</summary>
    private static async Task WaitForQuietDatabaseAsync(string db)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            await using var c = new Npgsql.NpgsqlConnection(db);
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'", c);
            if ((long)(await cmd.ExecuteScalarAsync())! == 0) return;
            await Task.Delay(250);
        }
    }

    private static readonly Dictionary<ShopperAction, string> Labels = new()
    {
        [ShopperAction.ViewProduct] = "product view (`GET /api/products/{slug}`)",
        [ShopperAction.AddToCart] = "add to cart (`POST /api/cart/{id}/items`)",
        [ShopperAction.ViewCart] = "cart view (`GET /api/cart/{id}`)",
        [ShopperAction.Home] = "home page (`GET /`, HTML)",
        [ShopperAction.Checkout] = "checkout (place, start sandbox payment, pay)",
        [ShopperAction.Search] = "search (`GET /api/search?q=`)",
    };

    private static string Report(WorkloadMix mix, List<Window> windows, int seconds, int connections, int products, int rounds, int warmup,
        DateTime started, string loadBefore, long emails)
    {
        // Per side and operation: the median over that side's windows of each window's figure.
        (double Rate, double P50, double P95, double P99, int Failed) Figures(string side, ShopperAction? a)
        {
            var ws = windows.Where(w => w.Topology == side).ToList();
            List<double> Lat(Window w) => a is { } one ? w.Operations[one].Latencies : w.Operations.Values.SelectMany(o => o.Latencies).ToList();
            return (WorkloadMix.Median(ws.Select(w => Lat(w).Count / w.Seconds).ToList()),
                WorkloadMix.Median(ws.Select(w => WorkloadMix.Percentile(Lat(w), 50)).ToList()),
                WorkloadMix.Median(ws.Select(w => WorkloadMix.Percentile(Lat(w), 95)).ToList()),
                WorkloadMix.Median(ws.Select(w => WorkloadMix.Percentile(Lat(w), 99)).ToList()),
                ws.Sum(w => a is { } one ? w.Operations[one].Failures.Values.Sum() : w.Operations.Values.Sum(o => o.Failures.Values.Sum())));
        }
        string Cells((double Rate, double P50, double P95, double P99, int Failed) f) => $"{f.Rate:F1} | {f.P50:F1} / {f.P95:F1} / {f.P99:F1} | {f.Failed}";
        var rows = new List<string>();
        foreach (var a in Enum.GetValues<ShopperAction>().Append((ShopperAction)(-1)))
        {
            var one = (int)a >= 0 ? a : (ShopperAction?)null;
            var (fa, fs) = (Figures("all", one), Figures("split", one));
            var label = one is { } x ? $"{Labels[x]} | {100 * mix.Share(x):F0} %" : "**all operations** | 100 %";
            rows.Add($"| {label} | {Cells(fa)} | {Cells(fs)} | **{fs.Rate / fa.Rate:F2}** | {fs.P50 / fa.P50:F2} / {fs.P95 / fa.P95:F2} |");
        }
        var perWindow = windows.Select((w, i) =>
            $"| {i + 1} | {w.Topology} | {w.At:HH:mm:ss} | {w.Load} | {w.Total / w.Seconds:F1} | {w.Operations.Values.Sum(o => o.Failures.Values.Sum())} | {w.Late} in {w.Drained:F1} s | {w.HostCpuMs:F1} / {w.PgCpuMs:F1} | {w.Paid} of {w.Placed}{(w.Unpaid.Count > 0 ? " (" + string.Join(", ", w.Unpaid) + ")" : "")} |");
        (double Host, double Pg) CpuOf(string side) => (WorkloadMix.Median(windows.Where(w => w.Topology == side).Select(w => w.HostCpuMs).ToList()),
            WorkloadMix.Median(windows.Where(w => w.Topology == side).Select(w => w.PgCpuMs).ToList()));
        string Cpu(string side) { var (h, p) = CpuOf(side); return $"{h:F1} ms in the Hosts + {p:F1} ms in PostgreSQL = {h + p:F1} ms"; }
        string CpuRatio() { var (a, s) = (CpuOf("all"), CpuOf("split")); return $"Hosts **{s.Host / a.Host:F2}**, PostgreSQL {s.Pg / a.Pg:F2}, together **{(s.Host + s.Pg) / (a.Host + a.Pg):F2}**"; }
        var failures = windows.SelectMany(w => w.Operations.SelectMany(o => o.Value.Failures.Select(f => $"{w.Topology} {o.Key}: {f.Value}× {f.Key}"))).ToList();
        return $"""
            ### Workload mix: all-in-one vs split, per operation

            Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- mix --seconds {seconds} --connections {connections} --products {products} --rounds {rounds} --warmup {warmup}`
            Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, PostgreSQL on loopback (fsync off); load generator, processes and database share the cores.
            Date: {started:yyyy-MM-dd HH:mm}–{DateTime.UtcNow:HH:mm} UTC; load average (1 min) {loadBefore} at the start, {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end.
            Shop: {products:N0} demo products (search index rebuilt, stock raised so nothing sells out), {connections} signed-in shoppers, one cart each.
            Topologies: `all` = one Host with every module; `split` = {SplitProcesses.Length} Hosts ({string.Join(", ", SplitProcesses)}), each told where
            the others are; each on its own copy of the seeded database. One unmeasured {warmup} s window each, then {rounds} × (all, split) windows of
            {seconds} s, the side not measured paused (SIGSTOP). Closed loop: {connections} shoppers, each sends its next request when the last has answered.
            Figures per side: the median over its windows of each window's throughput and percentiles (ms) of what answered within the window
            (as wrk counts); failures: non-2xx answers and errors, summed over the windows. A checkout is its customer's three requests (an
            empty cart gets one item first, timed with it); every order placed must reach Paid (the saga, on events) before the next window.

            | operation | share | all: req/s | all: p50 / p95 / p99 | all: failed | split: req/s | split: p50 / p95 / p99 | split: failed | split/all req/s | split/all p50 / p95 |
            |---|---|---|---|---|---|---|---|---|---|
            {string.Join("\n", rows)}

            | window | topology | start (UTC) | load avg | req/s | failed | still running at the end (not counted) | CPU ms per request: Hosts / PostgreSQL | checkouts paid (placed in the window) |
            |---|---|---|---|---|---|---|---|---|
            {string.Join("\n", perWindow)}

            CPU per request (every request of the window, the mix as a whole), median of the windows: all {Cpu("all")}, split {Cpu("split")};
            split/all {CpuRatio()}.

            Failures: {(failures.Count == 0 ? "none" : string.Join("; ", failures))}. Order emails accepted by the local SMTP sink: {emails}.
            """;
    }
}
