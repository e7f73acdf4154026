/// <summary>
/// Split-mode latency of adding to the cart and of checking out: users, products, cart and orders each in its own Host
/// process on loopback, one client, sequential requests. Each iteration: a new cart of the signed-in customer, --lines
/// products added one by one (cart → products over HTTP), a quote (orders → cart and products) and the order placed
/// (orders → cart, products: offers and the stock hold). With --host-dll A,B the two builds run in alternating rounds on
/// the same machine and PostgreSQL: both builds' processes run at once and their iterations alternate, so the ratio is taken
/// within pairs of neighbouring iterations (the first build is the baseline).
/// </summary>
internal static class SplitLatencyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = Arg(args, "--rounds", 3);
        var iterations = Arg(args, "--iterations", 100);
        var warmup = Arg(args, "--warmup", 20);
        var lines = Arg(args, "--lines", 5);
        var dllsAt = Array.IndexOf(args, "--host-dll");
        var dlls = dllsAt >= 0 ? args[dllsAt + 1].Split(',') : [BenchHost.BuildHost()];

        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-split-bench-{Guid.NewGuid():N}");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
        var children = new List<Process>();
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        // results[build][metric] = the medians of each round
        var results = dlls.Select(_ => new Dictionary<string, List<double>> { ["add"] = [], ["quote"] = [], ["place"] = [] }).ToList();
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                // Every build's processes run at once and their iterations alternate (A, B, A, B...), so each pair of
                // iterations meets the same moment of a shared, loaded machine.
                var shops = new List<SplitShop>();
                try
                {
                    for (var b = 0; b < dlls.Length; b++)
                    {
                        var name = $"split{b}";
                        pg.EnsureDatabase(name);
                        shops.Add(await SplitShop.StartAsync(dlls[b], pg.ConnectionString(name), key, children, lines));
                    }
                    for (var i = 0; i < warmup + iterations; i++)
                        for (var k = 0; k < shops.Count; k++)
                            await shops[(i + k) % shops.Count].IterateAsync(record: i >= warmup);
                    for (var b = 0; b < shops.Count; b++)
                    {
                        var medians = shops[b].Medians();
                        foreach (var (metric, value) in medians) results[b][metric].Add(value);
                        Console.Error.WriteLine($"round {round + 1}, build {b}: add {medians["add"]:F2} ms, quote {medians["quote"]:F2} ms, place {medians["place"]:F2} ms");
                    }
                }
                finally
                {
                    foreach (var shop in shops) shop.Dispose();
                }
            }

            Console.WriteLine($"""
                ### Split mode: add to cart and checkout latency

                Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- split --rounds {rounds} --iterations {iterations} --lines {lines}{(dllsAt >= 0 ? " --host-dll <before>,<after>" : "")}`
                Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.
                Processes: users, products, cart, orders (one each, loopback); one client; per iteration a new cart, {lines} lines added,
                a quote, the order placed; {warmup} warm-up iterations per round; with two builds, their iterations alternate. Figures: median per round (ms), then the median of rounds.

                | build | add to cart | quote | place order |
                |---|---|---|---|
                {string.Join("\n", dlls.Select((d, b) => $"| {b}: `{d}` | {Row(results[b]["add"])} | {Row(results[b]["quote"])} | {Row(results[b]["place"])} |"))}
                """);
            if (dlls.Length == 2)
            {
                string Ratio(string metric) => string.Join(", ", results[1][metric].Zip(results[0][metric], (a, b) => (a / b).ToString("F2")))
                    + $" (median {Median(results[1][metric].Zip(results[0][metric], (a, b) => a / b).ToList()):F2})";
                Console.WriteLine($"""

                    Ratio build 1 / build 0 per round: add {Ratio("add")}; quote {Ratio("quote")}; place {Ratio("place")}.
                    """);
            }
            return 0;
        }
        finally
        {
            foreach (var c in children) BenchHost.Stop(c);
            pg.Stop();
            try { Directory.Delete(dataDir, true); } catch (Exception) { }
        }
    }

    private static string Row(List<double> medians) => $"{string.Join(" / ", medians.Select(m => m.ToString("F2")))} → **{Median(medians):F2}**";

    /// <summary>One build's users, products, cart and orders processes with a signed-in customer and --lines products.</summary>
    private sealed class SplitShop : IDisposable
    {
        private readonly List<Process> _processes = [];
        private readonly Dictionary<string, HttpClient> _http = [];
        private readonly List<Guid> _products = [];
        private string _token = "";
        private readonly List<double> _add = [], _quote = [], _place = [];

        public static async Task<SplitShop> StartAsync(string dll, string db, string key, List<Process> children, int lines)
        {
            var shop = new SplitShop();
            var ports = new[] { "users", "products", "cart", "orders", "payments" }.ToDictionary(m => m, _ => BenchHost.FreePort());
            var env = ports.ToDictionary(p => $"AddisPay__Endpoints__{p.Key}", p => $"http://127.0.0.1:{p.Value}");
            // One after the other: each migrates its own schema under the migration lock.
            foreach (var module in new[] { "users", "products", "cart", "orders" })
            {
                shop._processes.Add((await BenchHost.StartAsync(dll, db, key, module, children, env, port: ports[module])).Process);
                shop._http[module] = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[module]}"), Timeout = TimeSpan.FromSeconds(30) };
            }
            var admin = BenchHost.AdminToken(key);
            for (var i = 0; i < lines; i++)
            {
                using var r = await Send(shop._http["products"], HttpMethod.Post, "/api/products", admin,
                    new { sku = $"SPLIT-{i}-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), name = $"Split coffee {i}", nameAm = "ቡና", priceEtb = 100m + i, stock = 1_000_000, publish = true });
                shop._products.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
            var email = $"split-{Guid.NewGuid():N}@example.et";
            (await shop._http["users"].PostAsJsonAsync("/api/users/register", new { email, password = "Teff-and-coffee-42", fullName = "Bench Buyer", phone = "0911234567" })).Dispose();
            // Verified directly, so the token says so and no order asks Users.
            await using (var c = new Npgsql.NpgsqlConnection(db))
            {
                await c.OpenAsync();
                await using var cmd = new Npgsql.NpgsqlCommand("update users.accounts set \"EmailVerifiedAt\" = now() where \"NormalizedEmail\" = @e", c);
                cmd.Parameters.AddWithValue("e", email);
                if (await cmd.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException("The bench customer was not registered.");
            }
            using var signIn = await shop._http["users"].PostAsJsonAsync("/api/users/sign-in", new { email, password = "Teff-and-coffee-42" });
            shop._token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            return shop;
        }

        private static readonly object Address = new { recipient = "Bench Buyer", phone = "0911234567", region = "Addis Ababa", city = "Addis Ababa", details = "Bole road 1" };

        /// <summary>A new cart, each product added, a quote, the order placed.</summary>
        public async Task IterateAsync(bool record)
        {
            using var created = await Send(_http["cart"], HttpMethod.Post, "/api/cart", _token);
            var cartId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var sw = new Stopwatch();
            foreach (var productId in _products)
            {
                sw.Restart();
                (await Send(_http["cart"], HttpMethod.Post, $"/api/cart/{cartId}/items", _token, new { productId, quantity = 1 })).Dispose();
                if (record) _add.Add(sw.Elapsed.TotalMilliseconds);
            }
            sw.Restart();
            (await Send(_http["orders"], HttpMethod.Post, "/api/orders/quote", _token, new { cartId, region = "Addis Ababa" })).Dispose();
            if (record) _quote.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            (await Send(_http["orders"], HttpMethod.Post, "/api/orders", _token, new { cartId, shippingAddress = Address }, Guid.NewGuid().ToString())).Dispose();
            if (record) _place.Add(sw.Elapsed.TotalMilliseconds);
        }

        public Dictionary<string, double> Medians() => new() { ["add"] = Median(_add), ["quote"] = Median(_quote), ["place"] = Median(_place) };

        public void Dispose()
        {
            foreach (var http in _http.Values) http.Dispose();
            foreach (var p in _processes) BenchHost.Stop(p);
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string url, string token, object? body = null, string? idempotencyKey = null) =>
        CheckoutBenchmark.Send(http, method, url, token, body, idempotencyKey);

    private static double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
