using System.Diagnostics;
using AddisPay.IntegrationTests.Notifications;
using AddisPay.IntegrationTests.Storefront;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Topologies;

/// <summary>
/// Two replicas of every process on the checkout path behind nginx (<see cref="ReplicaRouter"/>), as two pods per
/// Deployment behind the Ingress and the Services, while replicas are SIGKILLed and restarted under a checkout load
/// (issue 22, item 1). The modules' own Contracts calls go through the router too. The expensive part, the load with the
/// kills, runs once; the proof that its checks can fail reuses the same platform for one checkout with a guard broken.
/// </summary>
public sealed partial class ReplicaTests(ReplicaTests.Replicas platform, ITestOutputHelper output) : IClassFixture<ReplicaTests.Replicas>
{
    private readonly CheckoutLoad _load = new(platform.Database, platform.Mail);

    /// <summary>
    /// The checkout path's modules in three groups, none beside a module it calls or that calls it (the chart's request
    /// graph), so every Contracts call of a checkout crosses the router. Search, reviews, recommendations, the pages: not on
    /// the path, not started (the split shop's journeys run them).
    /// </summary>
    public static readonly string[][] Groups = [["products", "users"], ["cart", "payments", "notifications"], ["orders"]];

    /// <summary>Six Host processes (three groups, two replicas each) on one database, and the router in front of them.</summary>
    public sealed class Replicas : IAsyncLifetime
    {
        public string Database { get; } = TestPostgres.CreateDatabase("replicas");
        public ReplicaRouter Router { get; private set; } = null!;
        public Smtp4dev Mail { get; private set; } = null!;
        public HostProcess?[][] Processes { get; } = Groups.Select(_ => new HostProcess?[2]).ToArray();
        public int[][] Ports { get; } = Groups.Select(_ => new[] { HostProcess.FreePort(), HostProcess.FreePort() }).ToArray();
        private Dictionary<string, string> _settings = null!;

        public async Task InitializeAsync()
        {
            try
            {
                Mail = await Smtp4dev.InstanceAsync();
                var routerPort = HostProcess.FreePort();
                var router = $"http://127.0.0.1:{routerPort}";
                _settings = Settings(router, Mail, Groups.SelectMany(g => g));
                Router = await ReplicaRouter.StartAsync(routerPort, Groups.Select((g, i) => (g, Ports[i])).ToList());
                // All at once, as a release's pods start: each migrates its schemas under the advisory lock the others wait on.
                await Task.WhenAll(Enumerable.Range(0, Groups.Length).SelectMany(g => new[] { StartAsync(g, 0), StartAsync(g, 1) }));
            }
            catch
            {
                // xunit disposes no fixture whose start failed: the processes started so far would outlive the run.
                await DisposeAsync();
                throw;
            }
        }

        /// <summary>
        /// The environment of every process behind <paramref name="router"/>: each of <paramref name="modules"/> reached
        /// through it, emails to <paramref name="mail"/>, and timings for a loaded 2-core machine. Also LiveRetopologyTests'.
        /// </summary>
        public static Dictionary<string, string> Settings(string router, Smtp4dev mail, IEnumerable<string> modules)
        {
            var settings = new Dictionary<string, string>
            {
                ["AddisPay__Payments__PublicBaseUrl"] = router,
                ["AddisPay__Payments__ReturnOrigins__0"] = router,
                ["AddisPay__Notifications__StorefrontUrl"] = router,
                ["AddisPay__Notifications__Email__Host"] = "127.0.0.1",
                ["AddisPay__Notifications__Email__Port"] = mail.SmtpPort.ToString(),
                ["AddisPay__Notifications__Email__Security"] = "None",
                ["AddisPay__Notifications__Email__From"] = "shop@addispay.test",
                // Production's delivery settings: a message leased by a replica SIGKILLed mid-batch is due again when its lease
                // runs out (a send's timeout plus the margin, 30 s), well within the replica test's wait, and the surviving
                // replica's rounds wake for it then; new messages wake them at commit (LISTEN/NOTIFY), not at a poll.
                ["AddisPay__Notifications__QuietHours__Start"] = "00:00",
                ["AddisPay__Notifications__QuietHours__End"] = "00:00",
                // No order may expire here: the test is about kills, and a loaded machine takes seconds per checkout.
                ["AddisPay__Orders__PaymentWindow"] = "00:10:00",
                // A cold replica on a busy 2-core machine answers its first calls slowly (see StorefrontShop's settings).
                ["AddisPay__InternalRequests__AttemptTimeout"] = "00:00:15",
                ["AddisPay__InternalRequests__CommandTimeout"] = "00:00:30",
                ["AddisPay__InternalRequests__TotalTimeout"] = "00:01:00",
            };
            foreach (var module in modules) settings[$"AddisPay__Endpoints__{module}"] = router + "/";
            return settings;
        }

        /// <summary>(Re)starts replica <paramref name="replica"/> of group <paramref name="group"/> on its own port, as a pod restarts.</summary>
        public async Task StartAsync(int group, int replica, bool restart = false)
        {
            // A restarted pod does not migrate: the release's migrate Job did, once (a migration at every start waited over a
            // minute here for the advisory lock and the tables the live replicas were using).
            var settings = restart ? new Dictionary<string, string>(_settings) { ["AddisPay__MigrateOnStartup"] = "false" } : _settings;
            if (Processes[group][replica] is { } old) Stopped.Add(old);
            Processes[group][replica] = await HostProcess.StartAsync(string.Join(',', Groups[group]), Database, Ports[group][replica], settings,
                readyWithin: TimeSpan.FromMinutes(3));
        }

        /// <summary>Replicas killed and replaced, disposed with the rest.</summary>
        private List<HostProcess> Stopped { get; } = [];

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = Router.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
            Databases.Remember(client, Database);
            return client;
        }

        public async Task DisposeAsync()
        {
            foreach (var host in Processes.SelectMany(p => p).OfType<HostProcess>().Concat(Stopped)) await host.DisposeAsync();
            if (Router is not null) await Router.DisposeAsync();
        }
    }

    [Fact]
    public async Task Checkouts_on_two_replicas_per_module_lose_and_double_nothing_while_replicas_are_sigkilled_and_restarted()
    {
        Assert.Empty(StorefrontShop.CallsWithinAProcess(Groups));
        var clock = Stopwatch.StartNew();
        using var http = platform.Client();
        var sku = $"REPL-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        const int initialStock = 500;
        var product = await new Shop(http, http).CreateProductAsync(sku, 250m, initialStock);
        var customers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _load.SignUpAsync(http)));
        output.WriteLine($"platform ready, {customers.Length} customers signed up at {clock.Elapsed.TotalSeconds:0.0} s");

        // Buyers check out one order after another, a second apart (the suite's CPU is the budget, not the rate), until the
        // killed replicas are back; then each finishes the checkout it is in.
        using var killsOver = new CancellationTokenSource();
        var buyers = customers.Select((customer, i) => Task.Run(async () =>
        {
            var round = 0;
            do
            {
                await _load.CheckoutAsync(http, customer, product.Id, 1 + (i + round++) % 2);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            while (!killsOver.IsCancellationRequested || round < 2);
        })).ToList();

        // Three SIGKILLs ~6 s apart, one in every group (so never both replicas of a group down), each replica restarted a
        // second after its death while the load goes on.
        var random = new Random();
        var restarts = new List<Task>();
        try
        {
            foreach (var group in Enumerable.Range(0, Groups.Length).OrderBy(_ => random.Next()))
            {
                await Task.Delay(TimeSpan.FromSeconds(6));
                if (buyers.Any(b => b.IsFaulted)) break;
                var replica = random.Next(2);
                var victim = platform.Processes[group][replica]!;
                victim.Kill();
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: SIGKILL {victim.Modules} replica {replica} (pid {victim.Pid})");
                restarts.Add(Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    await platform.StartAsync(group, replica, restart: true);
                    output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {victim.Modules} replica {replica} ready again");
                }));
            }
            await Task.WhenAll(restarts);
        }
        finally
        {
            await killsOver.CancelAsync();
        }
        await Task.WhenAll(buyers);
        output.WriteLine($"{customers.Sum(c => c.Checkouts.Count)} checkouts done at {clock.Elapsed.TotalSeconds:0.0} s; {_load.Retried} answers were 503 or 409 with Retry-After and sent again");

        var violations = await _load.ViolationsAsync(http, customers, sku, initialStock);
        output.WriteLine($"checked at {clock.Elapsed.TotalSeconds:0.0} s; answers other than success or 503/409 with Retry-After: {_load.Unexpected.Count}");
        foreach (var u in _load.Unexpected) output.WriteLine("  " + u);
        if (violations.Count > 0 || !_load.Unexpected.IsEmpty) output.WriteLine("router log (tail):\n" + string.Join('\n', platform.Router.Log.Split('\n').TakeLast(30)));
        Assert.Empty(violations);
        Assert.Empty(_load.Unexpected);
        Assert.InRange(customers.Sum(c => c.Checkouts.Count), 8, 1000);
    }

    /// <summary>
    /// The router's guard broken (no next replica, no 503 for a replica gone under a request): with one replica of a group
    /// down, requests that the guarded router answers from the other replica come back as 502 and the load's check of
    /// answers records them. A port nobody listens on stands in for the SIGKILLed replica, so no process is killed here.
    /// </summary>
    [Fact]
    public async Task The_replica_check_of_answers_fails_when_the_router_no_longer_routes_around_a_dead_replica()
    {
        using var http = platform.Client();
        var sku = $"GUARD-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await new Shop(http, http).CreateProductAsync(sku, 250m, 20);
        var down = HostProcess.FreePort();
        var live = platform.Ports[0][0];
        async Task<int> UnexpectedAnswersAsync(bool guarded)
        {
            await using var router = await ReplicaRouter.StartAsync(HostProcess.FreePort(), [(Groups[0], [live, down])], guarded);
            using var client = new HttpClient { BaseAddress = router.BaseAddress };
            var before = _load.Unexpected.Count;
            // Round robin: of four requests at least one is sent to the replica that is down.
            for (var i = 0; i < 4; i++)
                using (await _load.SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, $"/api/products/{product.Id}"), "GET product", HttpStatusCode.OK)) { }
            return _load.Unexpected.Count - before;
        }

        Assert.Equal(0, await UnexpectedAnswersAsync(guarded: true));
        Assert.InRange(await UnexpectedAnswersAsync(guarded: false), 1, 4);
        Assert.Contains(_load.Unexpected, u => u.StartsWith("GET product: 502"));
    }
}
