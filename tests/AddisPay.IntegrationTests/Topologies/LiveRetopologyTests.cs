using System.Collections.Concurrent;
using System.Diagnostics;
using AddisPay.IntegrationTests.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Topologies;

/// <summary>
/// A running shop moved between shapes under a checkout load (issue 22, item 3): the checkout path's modules in one process,
/// then in ReplicaTests' three groups, then split into a process per module, then in one process again, every move made with
/// the chart's rollout rules (maxUnavailable 0, readiness, preStop, SIGTERM within the grace period) applied across the
/// shapes, in the order of the chart's two-upgrade move (docs/operations.md, "Moving a running shop between shapes": (a)
/// the new shape beside the old one, `retiring`, until ready; (b) the old one deleted): the new processes start and
/// become ready, the router (nginx, standing in for the Ingress and the module Services) sends each module to its new
/// process with the old one as a backup, the old processes get SIGTERM and finish what they hold, then the backups go.
/// (The chart's module Services balance between old and new pods during (a) rather than keep the old as a backup; both
/// keep a ready pod for every module.)
/// Each shape runs one process per group, not two replicas: replicas are ReplicaTests' subject, and the moves cost enough
/// CPU as it is. Search, reviews, recommendations and the pages are not on the checkout path and not started.
/// </summary>
public sealed class LiveRetopologyTests(ITestOutputHelper output)
{
    private static readonly string[] CheckoutPath = ["users", "products", "cart", "orders", "payments", "notifications"];

    /// <summary>
    /// One process; ReplicaTests' groups; the full split, a process per module (Orders, a group of its own already, keeps
    /// running; five start at once); one process again.
    /// </summary>
    private static readonly string[][][] Shapes =
        [[CheckoutPath], ReplicaTests.Groups, [.. CheckoutPath.Select(module => new[] { module })], [CheckoutPath]];

    /// <summary>The chart's terminationGracePeriodSeconds: a process still running this long after SIGTERM is SIGKILLed.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>A process of the shop: the modules it runs.</summary>
    private sealed record Running(string[] Modules, HostProcess Process);

    /// <summary>
    /// Asks the router, for every module, whether a process that takes the module's requests is ready (`/ready/&lt;module&gt;`,
    /// the readiness of whichever process nginx picks, the next one if that one does not answer), until
    /// <paramref name="stop"/>; every answer but 200 goes to <paramref name="gaps"/>: a moment a module had no ready process.
    /// </summary>
    private static async Task<int> ProbeAsync(HttpClient router, IEnumerable<string> modules, ConcurrentQueue<string> gaps, Stopwatch clock,
        CancellationToken stop)
    {
        var probes = 0;
        while (!stop.IsCancellationRequested)
        {
            foreach (var module in modules)
            {
                await ProbeOnceAsync(router, module, gaps, clock);
                probes++;
            }
            try { await Task.Delay(500, stop); } catch (OperationCanceledException) { }
        }
        return probes;
    }

    private static async Task ProbeOnceAsync(HttpClient router, string module, ConcurrentQueue<string> gaps, Stopwatch clock)
    {
        try
        {
            using var r = await router.GetAsync($"/ready/{module}");
            if (r.StatusCode != HttpStatusCode.OK) gaps.Enqueue($"{clock.Elapsed.TotalSeconds:0.0} s: {module} {(int)r.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            gaps.Enqueue($"{clock.Elapsed.TotalSeconds:0.0} s: {module} {e.GetType().Name} {e.Message}");
        }
    }

    /// <summary>Each group of <paramref name="shape"/> to its process, without backups: the shop between moves.</summary>
    private static List<ReplicaRouter.Route> Routes(IEnumerable<Running> shape) =>
        shape.Select(p => new ReplicaRouter.Route(p.Modules, [p.Process.Port])).ToList();

    [Fact]
    public async Task A_shop_moved_from_one_process_to_groups_to_a_process_per_module_and_back_under_checkouts_loses_no_order_payment_or_email_and_always_has_a_ready_process_per_module()
    {
        var clock = Stopwatch.StartNew();
        var database = TestPostgres.CreateDatabase("retopology");
        var mail = await Smtp4dev.InstanceAsync();
        var routerPort = HostProcess.FreePort();
        var settings = ReplicaTests.Replicas.Settings($"http://127.0.0.1:{routerPort}", mail, CheckoutPath);
        // Only the first process migrates, as the install's migrate Job does; the later shapes run the same release, and
        // the chart's pods never migrate (AddisPay__MigrateOnStartup false in its ConfigMap).
        var started = new Dictionary<string, string>(settings) { ["AddisPay__MigrateOnStartup"] = "false" };
        var load = new CheckoutLoad(database, mail);
        var everyProcess = new List<HostProcess>();
        var cpu = new ConcurrentDictionary<int, double>();
        ReplicaRouter? router = null;
        try
        {
            var first = await HostProcess.StartAsync(string.Join(',', CheckoutPath), database, HostProcess.FreePort(), settings, TimeSpan.FromMinutes(3));
            everyProcess.Add(first);
            List<Running> shape = [new(CheckoutPath, first)];
            router = await ReplicaRouter.StartAsync(routerPort, Routes(shape));
            using var http = new HttpClient { BaseAddress = router.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
            Databases.Remember(http, database);
            var sku = $"MOVE-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
            const int initialStock = 500;
            var product = await new Shop(http, http).CreateProductAsync(sku, 250m, initialStock);
            var customers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => load.SignUpAsync(http)));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: one process ready, {customers.Length} customers signed up");

            using var movesOver = new CancellationTokenSource();
            var gaps = new ConcurrentQueue<string>();
            var probing = Task.Run(() => ProbeAsync(http, CheckoutPath, gaps, clock, movesOver.Token));
            var buyers = customers.Select((customer, i) => Task.Run(async () =>
            {
                var round = 0;
                do
                {
                    await load.CheckoutAsync(http, customer, product.Id, 1 + (i + round++) % 2);
                    // Two buyers, two seconds apart: a checkout is in flight through every switch, and the suite's CPU is the budget.
                    await Task.Delay(TimeSpan.FromSeconds(2));
                }
                while (!movesOver.IsCancellationRequested || round < 2);
            })).ToList();

            var stops = new List<string>();
            try
            {
                foreach (var target in Shapes.Skip(1))
                {
                    // Orders placed and paid in every shape, not only during the moves.
                    await Task.Delay(TimeSpan.FromSeconds(4));
                    if (buyers.Any(b => b.IsFaulted)) break;
                    var move = Stopwatch.StartNew();
                    // A process whose modules stay together keeps running, as a Deployment whose pods do not change is not rolled.
                    var kept = shape.Where(p => target.Any(g => g.Order().SequenceEqual(p.Modules.Order()))).ToList();
                    var leaving = shape.Except(kept).ToList();
                    var arriving = await Task.WhenAll(target.Where(g => !kept.Any(p => p.Modules.Order().SequenceEqual(g.Order())))
                        .Select(async g =>
                        {
                            var process = await HostProcess.StartAsync(string.Join(',', g), database, HostProcess.FreePort(), started, TimeSpan.FromMinutes(3));
                            // At once, not after the WhenAll: when another start fails, this one must still be stopped at the end.
                            lock (everyProcess) everyProcess.Add(process);
                            return new Running(g, process);
                        }));
                    var ready = move.Elapsed;
                    var next = kept.Concat(arriving).ToList();
                    // Each module to its new process, its old one behind it as a backup: what nginx holds for a leaving process
                    // finishes there, and a request its new process does not take still finds one.
                    await router.ReloadAsync(CheckoutPath.Select(m => new ReplicaRouter.Route([m],
                        [next.Single(p => p.Modules.Contains(m)).Process.Port], [shape.Single(p => p.Modules.Contains(m)).Process.Port])).ToList());
                    // The preStop hook's pause, shortened: the Ingress has already let go of the leaving processes here.
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    await Task.WhenAll(leaving.Select(async p =>
                    {
                        var since = Stopwatch.StartNew();
                        cpu[p.Process.Pid] = await p.Process.TerminateAsync(Grace);
                        lock (stops) stops.Add($"{string.Join(',', p.Modules)} exited {p.Process.ExitCode} {since.Elapsed.TotalSeconds:0.0} s after SIGTERM");
                    }));
                    await router.ReloadAsync(Routes(next));
                    shape = next;
                    output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: moved to {string.Join(" | ", target.Select(g => string.Join(',', g)))}: " +
                        $"{arriving.Length} started (ready after {ready.TotalSeconds:0.0} s), {leaving.Count} stopped, {move.Elapsed.TotalSeconds:0.0} s in all");
                }
            }
            finally
            {
                await movesOver.CancelAsync();
            }
            await Task.WhenAll(buyers);
            var probes = await probing;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {customers.Sum(c => c.Checkouts.Count)} checkouts done; {load.Retried} answers were 503 or 409 " +
                $"with Retry-After and sent again; {probes} readiness probes, {gaps.Count} without a ready process");
            foreach (var s in stops) output.WriteLine("  " + s);

            var violations = await load.ViolationsAsync(http, customers, sku, initialStock);
            foreach (var p in shape) cpu[p.Process.Pid] = p.Process.CpuSeconds;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: checked; {everyProcess.Count} Host processes used {cpu.Values.Sum():0.0} s of CPU " +
                "(each up to its SIGTERM, or up to now)");
            foreach (var u in load.Unexpected) output.WriteLine("  unexpected: " + u);
            foreach (var g in gaps) output.WriteLine("  no ready process: " + g);
            if (violations.Count > 0 || !load.Unexpected.IsEmpty || !gaps.IsEmpty)
                output.WriteLine("router log (tail):\n" + string.Join('\n', router.Log.Split('\n').TakeLast(30)));
            Assert.Empty(violations);
            Assert.Empty(load.Unexpected);
            Assert.Empty(gaps);
            // Every leaving process stopped by itself within the grace period (exit code 0), none SIGKILLed at its end.
            Assert.All(stops, s => Assert.Contains(" exited 0 ", s));
            Assert.InRange(customers.Sum(c => c.Checkouts.Count), 4, 1000);
        }
        finally
        {
            foreach (var p in everyProcess) await p.DisposeAsync();
            if (router is not null) await router.DisposeAsync();
        }
    }

    /// <summary>
    /// The readiness probes' check can fail: a router sent to a process that is not ready yet, with nothing behind it (a move
    /// that does not wait for readiness, or drops the old process at once), leaves the module without a ready process, which
    /// the probes record; the same move with the old process as a backup does not. A port nobody listens on stands in for the
    /// process still starting, and a minimal web server answering `/health/ready` for the old one: no Host process here.
    /// </summary>
    [Fact]
    public async Task The_readiness_probes_record_a_module_without_a_ready_process_when_the_router_moves_it_before_its_new_process_is_ready()
    {
        var oldPort = HostProcess.FreePort();
        var starting = HostProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{oldPort}");
        builder.Logging.ClearProviders();
        await using var old = builder.Build();
        old.MapGet("/health/ready", () => Results.Text("Healthy"));
        await old.StartAsync();
        await using var router = await ReplicaRouter.StartAsync(HostProcess.FreePort(), [new ReplicaRouter.Route(["products"], [oldPort])]);
        var clock = Stopwatch.StartNew();
        async Task<int> GapsAsync()
        {
            using var http = new HttpClient { BaseAddress = router.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var gaps = new ConcurrentQueue<string>();
            // Round robin between a primary and its backup is no question here, but four probes make the answer not a coincidence.
            for (var i = 0; i < 4; i++) await ProbeOnceAsync(http, "products", gaps, clock);
            return gaps.Count;
        }

        Assert.Equal(0, await GapsAsync());
        await router.ReloadAsync([new ReplicaRouter.Route(["products"], [starting], [oldPort])]);
        Assert.Equal(0, await GapsAsync());
        await router.ReloadAsync([new ReplicaRouter.Route(["products"], [starting])]);
        Assert.Equal(4, await GapsAsync());
    }
}
