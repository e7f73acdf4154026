/// <summary>
/// Resident memory per process, the figure the chart's memory requests and the HPA's memory target are sized from: every
/// module in one process, then every module in its own process, each idle (after a warm-up and a quiet spell), at its
/// peak under a shopping load (pages, catalogue and search API, carts), and after the load. The processes run as the image
/// does (workstation GC) with the GC heap limit a container under the chart's memory limit would get (75 % of it).
/// Usage: dotnet run -c Release --project tests/AddisPay.Benchmarks -- memory [--seconds 60] [--clients 16]
/// </summary>
internal static class MemoryBenchmark
{
    private static readonly string[] Modules =
        ["users", "products", "cart", "orders", "payments", "notifications", "search", "recommendations", "reviews", "storefront"];

    /// <summary>The chart's memory limits (values.yaml: `all.resources`, `defaults.resources`).</summary>
    private const int AllLimitMb = 768, ModuleLimitMb = 512;

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
        var seconds = Arg("--seconds", 60);
        var clients = Arg("--clients", 16);
        var onlyAt = Array.IndexOf(args, "--only");
        var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1] : null; // "all" or "split"
        var host = BenchHost.BuildHost();
        var pg = LocalPostgres.Start(Path.Combine(Path.GetTempPath(), $"addispay-membench-{Guid.NewGuid():N}"), durable: false, Console.Error.WriteLine);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var children = new List<Process>();
        var pods = new List<PodMemory>();
        try
        {
            pg.EnsureDatabase("membench");
            var db = pg.ConnectionString("membench");
            var rows = new List<string>();

            // Every module in one process, seeding the demo shop (2,000 products) on its first start.
            var cgroups = PodMemory.CgroupRoot();
            if (cgroups is null) Console.Error.WriteLine("No memory cgroup can be made here: RSS only, no working set.");
            PodMemory? Pod(string name)
            {
                if (cgroups is null) return null;
                var pod = PodMemory.Prepare(cgroups, host, name);
                pods.Add(pod);
                return pod;
            }
            var allPod = Pod("all");
            var (all, allPort, _) = await BenchHost.StartAsync(host, db, key, "all", children, Gc(AllLimitMb, new() { ["AddisPay__DemoData"] = "true" }),
                TimeSpan.FromMinutes(5), pod: allPod);
            var allAddress = $"http://127.0.0.1:{allPort}";
            var shop = await ShopAsync(allAddress);
            var allServed = 0L;
            if (only != "split")
            {
                var (figures, served) = await MeasureAsync(new() { ["all"] = (all, allPod) }, _ => allAddress, shop, seconds, clients);
                rows.Add(Row("all (every module)", AllLimitMb, figures["all"]));
                Console.Error.WriteLine(rows[^1]);
                allServed = served;
            }
            BenchHost.Stop(all);

            // Every module in its own process, each told where the others are, as the chart's split mode does.
            var splitServed = 0L;
            if (only != "all")
            {
                var ports = Modules.ToDictionary(m => m, _ => BenchHost.FreePort());
                // The one-process run migrated the database: ten processes migrating at once would only queue on its lock.
                Dictionary<string, string> EndpointsFor(string module) => Modules.Where(m => m != module)
                    .ToDictionary(m => $"AddisPay__Endpoints__{m}", m => $"http://127.0.0.1:{ports[m]}")
                    .Append(new("AddisPay__MigrateOnStartup", "false")).ToDictionary();
                var modulePods = Modules.ToDictionary(m => m, Pod);
                var started = await Task.WhenAll(Modules.Select(m => BenchHost.StartAsync(host, db, key, m, children, Gc(ModuleLimitMb, EndpointsFor(m)),
                    TimeSpan.FromMinutes(3), ports[m], modulePods[m])));
                var split = Modules.Zip(started).ToDictionary(x => x.First, x => (x.Second.Process, modulePods[x.First]));
                var (splitFigures, served2) = await MeasureAsync(split, module => $"http://127.0.0.1:{ports[module]}", shop, seconds, clients);
                foreach (var module in Modules) rows.Add(Row(module, ModuleLimitMb, splitFigures[module]));
                splitServed = served2;
            }

            Console.WriteLine($"""
                ### Resident memory per process (idle, under load, after)

                Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- memory --seconds {seconds} --clients {clients}`
                Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.
                Workstation GC (as the image), GC heap limit 75 % of the chart's memory limit. Idle: after 200 warm-up requests and 20 s
                without requests. Load: {clients} clients for {seconds} s, each request one of: home page, product page, category page,
                product JSON, search JSON, a new cart with an item (RSS sampled every 250 ms). After: 20 s after the load.

                Requests served under load: {allServed:N0} by the one process, {splitServed:N0} by the split processes.

                RSS is the process's resident memory (/proc/<pid>/status). The working set is what the kubelet reports for a container
                (its cgroup's usage less inactive file pages; each process in a memory cgroup of its own, its runtime and build fresh
                copies out of the page cache, as a pod on a node that has not run the image): {(cgroups is null ? "not measured here (no memory cgroup could be made)" : "measured")}.

                | process | limit (chart) | idle RSS / working set | peak RSS / working set under load | RSS / working set 20 s after |
                |---|---|---|---|---|
                {string.Join("\n", rows)}
                """);
            return 0;
        }
        finally
        {
            foreach (var p in children) BenchHost.Stop(p);
            foreach (var pod in pods) pod.Dispose();
            await pg.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Gc(int limitMb, Dictionary<string, string> env) => new(env)
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_GCHeapHardLimit"] = ((long)limitMb * 1024 * 1024 * 3 / 4).ToString("X")
    };

    private sealed record Shop(List<string> Products, List<Guid> ProductIds, List<string> Categories);

    /// <summary>Resident memory and (where a cgroup could be made) the working set, in MB.</summary>
    private sealed record Sample(double Rss, double? WorkingSet)
    {
        public static Sample Of((Process Process, PodMemory? Pod) p) => new(BenchHost.RssMb(p.Process.Id), p.Pod?.WorkingSetMb());

        public static Sample Max(Sample a, Sample b) => new(Math.Max(a.Rss, b.Rss), a.WorkingSet is null ? null : Math.Max(a.WorkingSet.Value, b.WorkingSet!.Value));

        public override string ToString() => WorkingSet is null ? $"{Rss:F0} MB / -" : $"{Rss:F0} MB / {WorkingSet:F0} MB";
    }

    private sealed record Figures(Sample Idle, Sample Peak, Sample After);

    private static string Row(string name, int limitMb, Figures f) =>
        $"| {name} | {limitMb} MiB | {f.Idle} | {f.Peak} ({100 * f.Peak.Rss / limitMb:F0} % of the limit) | {f.After} |";

    private static async Task<Shop> ShopAsync(string address)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var items = JsonDocument.Parse(await http.GetStringAsync("/api/products?pageSize=100")).RootElement.GetProperty("items").EnumerateArray().ToList();
        var categories = JsonDocument.Parse(await http.GetStringAsync("/api/products/categories")).RootElement.EnumerateArray()
            .Select(c => c.GetProperty("slug").GetString()!).ToList();
        return new Shop(items.Select(i => i.GetProperty("slug").GetString()!).ToList(), items.Select(i => i.GetProperty("id").GetGuid()).ToList(), categories);
    }

    /// <summary>
    /// Idle, peak and after figures for each process while shoppers use the shop; <paramref name="addressOf"/> says which
    /// process answers a module's requests (the storefront's pages, products' and search's API, the cart).
    /// </summary>
    private static async Task<(Dictionary<string, Figures> Figures, long Served)> MeasureAsync(Dictionary<string, (Process Process, PodMemory? Pod)> processes,
        Func<string, string> addressOf,
        Shop shop, int seconds, int clients)
    {
        HttpClient For(string module) => new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
            { BaseAddress = new Uri(addressOf(processes.ContainsKey(module) ? module : processes.Keys.Single())) };
        using var pages = For("storefront");
        using var products = For("products");
        using var search = For("search");
        using var carts = For("cart");
        var served = 0L;
        var failed = 0L;
        async Task OneAsync(int i)
        {
            var n = Random.Shared.Next(shop.Products.Count);
            using var response = (i % 6) switch
            {
                0 => await pages.GetAsync("/"),
                1 => await pages.GetAsync("/p/" + shop.Products[n]),
                2 => await pages.GetAsync("/c/" + shop.Categories[n % shop.Categories.Count]),
                3 => await products.GetAsync("/api/products/" + shop.Products[n]),
                4 => await search.GetAsync("/api/search?q=coffee&pageSize=12"),
                _ => await AddToNewCartAsync(carts, shop.ProductIds[n])
            };
            await response.Content.ReadAsByteArrayAsync();
            // A sold-out demo product refuses the cart (409): still a request the process served.
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict) Interlocked.Increment(ref served);
            // A 503 is a cross-process call that timed out on an overloaded machine: counted, not fatal to a memory measurement.
            else if ((int)response.StatusCode >= 500) Interlocked.Increment(ref failed);
            else throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");
        }

        for (var i = 0; i < 200; i++) await OneAsync(i);
        await Task.Delay(TimeSpan.FromSeconds(20));
        var idle = processes.ToDictionary(p => p.Key, p => Sample.Of(p.Value));
        served = 0;

        var peak = new Dictionary<string, Sample>(idle);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (name, p) in processes) peak[name] = Sample.Max(peak[name], Sample.Of(p));
                await Task.Delay(250);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            for (var i = c; !stop.IsCancellationRequested; i++) await OneAsync(i);
        }));
        await sampler;
        var servedUnderLoad = served;
        Console.Error.WriteLine($"{servedUnderLoad} requests in {seconds} s, {failed} answered 5xx");
        if (failed > 0) Console.WriteLine($"{failed} requests answered 5xx during the run ({string.Join(", ", processes.Keys)}).");
        await Task.Delay(TimeSpan.FromSeconds(20));
        return (processes.ToDictionary(p => p.Key, p => new Figures(idle[p.Key], peak[p.Key], Sample.Of(p.Value))), servedUnderLoad);
    }

    private static async Task<HttpResponseMessage> AddToNewCartAsync(HttpClient carts, Guid productId)
    {
        using var created = await carts.PostAsync("/api/cart", null);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await carts.PostAsJsonAsync($"/api/cart/{id}/items", new { productId, quantity = 1 });
    }
}
