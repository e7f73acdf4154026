using Npgsql;

/// <summary>
/// A new pod's first minute: a fresh Host process started on a seeded shop and put under load the moment it is ready, once
/// from the plain build (IL, compiled by the JIT as it runs) and once published as the image publishes it (ReadyToRun),
/// alternated in one block of time. Prints time and CPU to ready, throughput in each 10 s of the first minute, the first
/// window's p95 and the resident memory after. Tiered compilation as in production (the runtime's default).
/// `dotnet run -c Release --project tests/AddisPay.Benchmarks -- coldstart [--rounds 3] [--seconds 60] [--products 2000]
/// [--modules products] [--clients 8] [--published dir]`
/// </summary>
internal static class ColdStartBenchmark
{
    private const int WindowSeconds = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        string? Text(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        int Arg(string name, int fallback) => Text(name) is { } v ? int.Parse(v) : fallback;
        var rounds = Arg("--rounds", 3);
        var seconds = Arg("--seconds", 60);
        var products = Arg("--products", 2000);
        var clients = Arg("--clients", 8);
        var modules = Text("--modules") ?? "products";
        var il = BenchHost.BuildHost();
        var published = Text("--published") is { } given ? Path.GetFullPath(given) : Publish();
        var r2r = Path.Combine(published, "AddisPay.Host.dll");
        var dataDir = Path.Combine(Path.GetTempPath(), $"addispay-coldstart-{Guid.NewGuid():N}");
        var pg = LocalPostgres.Start(dataDir, durable: false, Console.Error.WriteLine);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var children = new List<Process>();
        try
        {
            pg.EnsureDatabase("coldstart");
            var db = pg.ConnectionString("coldstart");
            var (seeder, _, _) = await BenchHost.StartAsync(il, db, key, "all", children,
                new() { ["AddisPay__DemoData"] = "true", ["AddisPay__Products__DemoProducts"] = products.ToString() }, TimeSpan.FromMinutes(20));
            BenchHost.Stop(seeder);
            var ids = await IdsAsync(db);
            Console.Error.WriteLine($"seeded {ids.Count} published products");

            var sides = new (string Name, string Dll)[] { ("IL (plain build, JIT)", il), ("ReadyToRun (as published)", r2r) };
            var runs = sides.Select(_ => new List<Run>()).ToArray();
            var loads = new List<string>();
            for (var round = 0; round < rounds; round++)
                for (var k = 0; k < sides.Length; k++)
                {
                    var s = (k + round) % sides.Length;
                    var run = await FirstMinuteAsync(sides[s].Dll, db, key, modules, children, ids, clients, seconds);
                    runs[s].Add(run);
                    loads.Add(File.ReadAllText("/proc/loadavg").Split(' ')[0]);
                    Console.Error.WriteLine($"round {round + 1} {sides[s].Name}: ready {run.ReadyMs:F0} ms, {run.CpuToReady:F2} CPU-s; " +
                                            $"req/s by 10 s: {string.Join(" ", run.Rps.Select(r => r.ToString("F0")))}; errors {run.Errors}; RSS {run.RssMb:F0} MB");
                }

            Console.WriteLine($"""
                ### Cold start: a fresh `{modules}` process under load from its first ready answer

                Command: `dotnet run -c Release --project tests/AddisPay.Benchmarks -- coldstart --rounds {rounds} --seconds {seconds} --products {products} --modules {modules} --clients {clients}`
                {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average after each run: {string.Join(", ", loads)}. Medians of {rounds} alternated runs;
                {clients} clients, each request a product page (random published id, 70 %) or a list page (30 %).

                | process | ready | CPU to ready | {string.Join(" | ", Enumerable.Range(0, seconds / WindowSeconds).Select(w => $"req/s {w * WindowSeconds}-{(w + 1) * WindowSeconds} s"))} | req/s 0-{seconds} s | p95, first 10 s | RSS after |
                |---|---|---|{string.Concat(Enumerable.Repeat("---|", seconds / WindowSeconds))}---|---|---|
                """);
            for (var s = 0; s < sides.Length; s++)
            {
                var r = runs[s];
                var windows = Enumerable.Range(0, seconds / WindowSeconds).Select(w => $"{Median(r.Select(x => x.Rps[w])):F0}");
                Console.WriteLine($"| {sides[s].Name} | {Median(r.Select(x => x.ReadyMs)):F0} ms | {Median(r.Select(x => x.CpuToReady)):F2} s | " +
                                  $"{string.Join(" | ", windows)} | {Median(r.Select(x => x.Rps.Average())):F0} | {Median(r.Select(x => x.FirstP95)):F1} ms | {Median(r.Select(x => x.RssMb)):F0} MB |");
            }
            var ratio = Median(runs[1].Select(x => x.Rps.Average())) / Median(runs[0].Select(x => x.Rps.Average()));
            Console.WriteLine($"\nReadyToRun / IL, requests in the first {seconds} s: {ratio:F2}; errors: {runs.Sum(r => r.Sum(x => x.Errors))}.");
            return 0;
        }
        finally
        {
            foreach (var c in children) BenchHost.Stop(c);
            pg.Dispose();
            try { Directory.Delete(dataDir, true); } catch (IOException) { }
        }
    }

    private sealed record Run(double ReadyMs, double CpuToReady, double[] Rps, double FirstP95, int Errors, double RssMb);

    private static async Task<Run> FirstMinuteAsync(string dll, string db, string key, string modules, List<Process> children,
        List<string> ids, int clients, int seconds)
    {
        var (process, port, readyMs) = await BenchHost.StartAsync(dll, db, key, modules, children, readyWithin: TimeSpan.FromMinutes(3));
        process.Refresh();
        var cpuToReady = process.TotalProcessorTime.TotalSeconds;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var windows = seconds / WindowSeconds;
        var done = new int[windows];
        var firstWindow = new List<double>[clients];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(c * 7919 + Environment.TickCount);
            var mine = firstWindow[c] = [];
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var url = random.Next(10) < 7 ? $"/api/products/{ids[random.Next(ids.Count)]}" : $"/api/products?pageSize=20&page={random.Next(1, 51)}";
                var start = clock.Elapsed;
                try
                {
                    using var r = await http.GetAsync(url);
                    await r.Content.LoadIntoBufferAsync();
                    if (r.StatusCode != HttpStatusCode.OK) { Interlocked.Increment(ref errors); continue; }
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); continue; }
                var end = clock.Elapsed;
                var w = (int)(end.TotalSeconds / WindowSeconds);
                if (w < windows) Interlocked.Increment(ref done[w]);
                if (w == 0) mine.Add((end - start).TotalMilliseconds);
            }
        }));
        var rss = BenchHost.RssMb(process.Id);
        BenchHost.Stop(process);
        children.Remove(process);
        return new Run(readyMs, cpuToReady, done.Select(d => d / (double)WindowSeconds).ToArray(),
            BenchHost.Percentile(firstWindow.SelectMany(l => l).ToList(), 95), errors, rss);
    }

    /// <summary>Publishes the Host as the image does (the project publishes ReadyToRun); build output to stderr.</summary>
    private static string Publish()
    {
        var output = Path.Combine(Path.GetTempPath(), $"addispay-published-{Guid.NewGuid():N}");
        var p = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(BenchHost.Root, "src/Host/AddisPay.Host"), "-c", "Release",
            "-p:UseAppHost=false", "-o", output, "-nologo", "-v", "q", "-clp:ErrorsOnly"]) { RedirectStandardOutput = true })!;
        Console.Error.Write(p.StandardOutput.ReadToEnd());
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("Publishing the Host failed.");
        return output;
    }

    private static async Task<List<string>> IdsAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select \"Id\"::text from products.products where \"Status\" = 'Published'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static double Median(IEnumerable<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
