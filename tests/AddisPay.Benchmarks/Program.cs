using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

// Foundation benchmark: start-up time and memory of a one-module and an all-modules process, and the
// latency a cross-module call adds when the owning module runs in another process (HTTP) instead of
// in-process (Mediator). Everything on 127.0.0.1, one client, figures from the same run.
BenchHost.UseBuilt(args);
if (args.FirstOrDefault() == "catalogue") return await CatalogueBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "staff-catalogue") return await StaffCatalogueBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "storefront") return await StorefrontBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "checkout") return await CheckoutBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "recommendations") return await RecommendationsEvaluation.RunAsync(args);
if (args.FirstOrDefault() == "sessions") return await SessionsBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "autoprepare") return await AutoPrepareBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "memory") return await MemoryBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "split") return await SplitLatencyBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "product-reads") return await ProductReadsBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "ceiling-server") return await CeilingServer.RunAsync(args);
if (args.FirstOrDefault() == "mix") return await MixBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "search-load") return await SearchLoadBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "replicas") return await ReplicasBenchmark.RunAsync(args);
if (args.FirstOrDefault() == "coldstart") return await ColdStartBenchmark.RunAsync(args);

var runs = Arg("--runs", 5);
var requests = Arg("--requests", 2000);
var warmup = Arg("--warmup", 300);
Console.Error.WriteLine("Building the Host (Release)...");
var hostDll = BenchHost.BuildHost();

var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-bench-{Guid.NewGuid():N}");
var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
var children = new List<Process>();
var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
try
{
    pg.EnsureDatabase("bench");
    var db = pg.ConnectionString("bench");

    // 1. Start-up to ready and resident memory.
    var startup = new Dictionary<string, (List<double> Ms, List<double> RssMb)>();
    foreach (var modules in new[] { "products", "all" })
    {
        var ms = new List<double>();
        var rss = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (process, port, readyMs) = await BenchHost.StartAsync(hostDll, db, key, modules, children);
            using var http = Client(port);
            for (var w = 0; w < 200; w++) (await http.GetAsync("/api/products?pageSize=5")).Dispose();
            ms.Add(readyMs);
            rss.Add(RssMb(process.Id));
            BenchHost.Stop(process);
        }
        startup[modules] = (ms, rss);
        Console.Error.WriteLine($"start-up {modules}: {Median(ms):F0} ms, {Median(rss):F1} MB");
    }

    // 2. Cross-module call: in-process versus over HTTP.
    var (all, allPort, _) = await BenchHost.StartAsync(hostDll, db, key, "all", children);
    var inProcess = await MeasureAsync(Client(allPort), Client(allPort), "INPROC");
    BenchHost.Stop(all);

    var (products, productsPort, _) = await BenchHost.StartAsync(hostDll, db, key, "products", children);
    var (cart, cartPort, _) = await BenchHost.StartAsync(hostDll, db, key, "cart", children, new() { ["AddisPay__Endpoints__products"] = $"http://127.0.0.1:{productsPort}" });
    var split = await MeasureAsync(Client(productsPort), Client(cartPort), "SPLIT");
    BenchHost.Stop(cart);
    BenchHost.Stop(products);

    Console.WriteLine($"""
        ### Foundation: start-up, memory and cross-module call latency

        Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- --runs {runs} --requests {requests}`
        Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; PostgreSQL {BenchHost.PgVersion(db)} on loopback (fsync off).
        Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Medians of {runs} starts; {requests} sequential requests after {warmup} warm-up, one client, keep-alive.

        | process | start-up to ready (median) | resident memory after 200 requests (median) |
        |---|---|---|
        | one module (`products`) | {Median(startup["products"].Ms):F0} ms | {Median(startup["products"].RssMb):F1} MB |
        | all modules (`all`) | {Median(startup["all"].Ms):F0} ms | {Median(startup["all"].RssMb):F1} MB |
        | ratio all / one | {Median(startup["all"].Ms) / Median(startup["products"].Ms):F2}× | {Median(startup["all"].RssMb) / Median(startup["products"].RssMb):F2}× |

        | request | in-process (`all`) median / p95 | split (`cart` → `products` over HTTP) median / p95 |
        |---|---|---|
        | GET /api/cart/{"{id}"} (no cross-module call; baseline) | {Median(inProcess.Get):F3} / {P95(inProcess.Get):F3} ms | {Median(split.Get):F3} / {P95(split.Get):F3} ms |
        | POST /api/cart/{"{id}"}/items (calls Products' GetProductOffer) | {Median(inProcess.Add):F3} / {P95(inProcess.Add):F3} ms | {Median(split.Add):F3} / {P95(split.Add):F3} ms |

        Added latency of the cross-module call over HTTP: {Median(split.Add) - Median(inProcess.Add):F3} ms at the median
        ({Median(split.Add) / Median(inProcess.Add):F2}× the in-process add-item); the cross-module part alone, add-item minus the
        GET baseline: {Median(inProcess.Add) - Median(inProcess.Get):F3} ms in-process versus {Median(split.Add) - Median(split.Get):F3} ms split.
        """);
}
finally
{
    foreach (var c in children) BenchHost.Stop(c);
    pg.Stop();
    try { Directory.Delete(dataDir, true); } catch (Exception) { }
}
return 0;

async Task<(List<double> Get, List<double> Add)> MeasureAsync(HttpClient productsHttp, HttpClient cartHttp, string tag)
{
    var admin = BenchHost.AdminToken(key);
    using var create = new HttpRequestMessage(HttpMethod.Post, "/api/products")
    {
        Content = JsonContent.Create(new { sku = $"BENCH-{tag}-{Guid.NewGuid():N}"[..30], name = "Bench coffee", nameAm = "ቡና", priceEtb = 100.00m, stock = 1_000_000, publish = true })
    };
    create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
    using var created = await productsHttp.SendAsync(create);
    created.EnsureSuccessStatusCode();
    var productId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    var cartId = (await (await cartHttp.PostAsync("/api/cart", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    var add = new List<double>();
    var get = new List<double>();
    for (var i = 0; i < warmup + requests; i++)
    {
        var sw = Stopwatch.StartNew();
        using (var r = await cartHttp.PostAsJsonAsync($"/api/cart/{cartId}/items", new { productId, quantity = 1 })) r.EnsureSuccessStatusCode();
        var addMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        using (var r = await cartHttp.GetAsync($"/api/cart/{cartId}")) r.EnsureSuccessStatusCode();
        var getMs = sw.Elapsed.TotalMilliseconds;
        if (i >= warmup) { add.Add(addMs); get.Add(getMs); }
    }
    Console.Error.WriteLine($"{tag}: add {Median(add):F3} ms, get {Median(get):F3} ms");
    return (get, add);
}

static HttpClient Client(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

static double RssMb(int pid) => BenchHost.RssMb(pid);

static double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
static double P95(List<double> xs) => BenchHost.Percentile(xs, 95);

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}
