/// <summary>
/// The back office's products list at scale: seeds N generated products (100,000 by default) through the demo seeder,
/// then pages through the staff list over HTTP (GET /api/products/staff/catalogue, the handler behind the
/// ListCatalogueForStaff contract the back office sends) by case: the first page, deep pages forwards and backwards by
/// keyset (after/before random product ids), name searches, SKU searches, and filters. Prints p50/p95/p99 per case.
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- staff-catalogue [--products 100000] [--requests 200]
/// </summary>
internal static class StaffCatalogueBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
        var products = Arg("--products", 100_000);
        var requests = Arg("--requests", 200);
        var host = BenchHost.BuildHost();
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-stafflist-{Guid.NewGuid():N}");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var children = new List<Process>();
        try
        {
            pg.EnsureDatabase("stafflist");
            var db = pg.ConnectionString("stafflist");
            var seed = Stopwatch.StartNew();
            var (seeder, _, _) = await BenchHost.StartAsync(host, db, key, "products", children,
                new() { ["AddisPay__DemoData"] = "true", ["AddisPay__Products__DemoProducts"] = products.ToString() }, TimeSpan.FromMinutes(30));
            Console.Error.WriteLine($"seeded {products} products in {seed.Elapsed.TotalSeconds:F0} s");
            BenchHost.Stop(seeder);
            CatalogueBenchmark.Psql(pg, "stafflist", "vacuum analyze products.products");
            CatalogueBenchmark.Psql(pg, "stafflist", "vacuum analyze products.variants");
            var count = CatalogueBenchmark.Psql(pg, "stafflist", "select count(*) from products.products").Trim();
            var ids = CatalogueBenchmark.Psql(pg, "stafflist", "select \"Id\" from products.products order by random() limit 500")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToArray();
            var skus = CatalogueBenchmark.Psql(pg, "stafflist", "select \"Sku\" from products.variants order by random() limit 200")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToArray();
            var categories = CatalogueBenchmark.Psql(pg, "stafflist", "select \"Slug\" from products.categories where \"ParentId\" is not null")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToArray();

            var (_, port, _) = await BenchHost.StartAsync(host, db, key, "products", children, readyWithin: TimeSpan.FromMinutes(2));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchHost.AdminToken(key));
            const string List = "/api/products/staff/catalogue?pageSize=25";
            var random = new Random(2026);
            string Pick(string[] from) => from[random.Next(from.Length)];
            var cases = new (string Name, Func<string> Url)[]
            {
                ("first page", () => List),
                ("deep page forwards (after a random id)", () => $"{List}&after={Pick(ids)}"),
                ("deep page backwards (before a random id)", () => $"{List}&before={Pick(ids)}"),
                ("search a common word (coffee)", () => $"{List}&search=coffee"),
                ("search a rarer word (sandals)", () => $"{List}&search=sandals"),
                ("search Amharic (ማር)", () => $"{List}&search={Uri.EscapeDataString("ማር")}"),
                ("search a SKU (exact)", () => $"{List}&search={Uri.EscapeDataString(Pick(skus))}"),
                ("filter published, deep", () => $"{List}&status=published&after={Pick(ids)}"),
                ("filter drafts (none at all)", () => $"{List}&status=draft"),
                ("filter a category, deep", () => $"{List}&category={Pick(categories)}&after={Pick(ids)}"),
                ("filter low stock", () => $"{List}&stockLevel=low"),
                ("filter out of stock in a category", () => $"{List}&stockLevel=out&category={Pick(categories)}"),
            };
            // Warm-up: JIT, connection pool, plans.
            foreach (var (_, url) in cases)
                for (var i = 0; i < 10; i++) (await http.GetAsync(url())).EnsureSuccessStatusCode().Dispose();

            var lines = new List<string>();
            var worst = 0.0;
            foreach (var (name, url) in cases)
            {
                var ms = new List<double>();
                var items = 0L;
                for (var i = 0; i < requests; i++)
                {
                    var sw = Stopwatch.StartNew();
                    using var response = await http.GetAsync(url());
                    response.EnsureSuccessStatusCode();
                    var body = await response.Content.ReadAsStringAsync();
                    ms.Add(sw.Elapsed.TotalMilliseconds);
                    items += JsonDocument.Parse(body).RootElement.GetProperty("items").GetArrayLength();
                }
                var p95 = BenchHost.Percentile(ms, 95);
                worst = Math.Max(worst, p95);
                lines.Add($"| {name} | {BenchHost.Percentile(ms, 50):F2} | {p95:F2} | {BenchHost.Percentile(ms, 99):F2} | {items / (double)requests:F1} |");
            }
            Console.WriteLine($"""
                Staff products list, {count} products (PostgreSQL {BenchHost.PgVersion(db)}), {requests} sequential requests per case, one client,
                GET /api/products/staff/catalogue (ListCatalogueForStaff's handler) with an admin token; 25 a page.

                | case | p50 ms | p95 ms | p99 ms | rows a page (mean) |
                |---|---|---|---|---|
                {string.Join("\n", lines)}

                worst p95: {worst:F2} ms (target < 50 ms): {(worst < 50 ? "met" : "NOT met")}
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
}
