using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace AddisPay.DeploymentTests;

/// <summary>
/// scripts/start.sh, the README's first command, run as a newcomer runs it: the whole platform with demo data and a
/// mail catcher, on its own loopback ports and data directory, stopped with SIGINT (Ctrl+C). It runs the Host this test
/// run built (ADDISPAY_BUILD=off), so it never builds beside the suite's own build.
/// </summary>
public sealed class StartScriptTests(ITestOutputHelper output)
{
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    [Fact]
    public async Task The_start_script_serves_the_demo_shop_and_mail_catcher_and_SIGINT_stops_every_process_it_started()
    {
        var data = Directory.CreateTempSubdirectory("addispay-start-");
        // Run as root, the cluster belongs to the postgres user, who must be able to reach its directory.
        File.SetUnixFileMode(data.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
        var (shopPort, mailPort, smtpPort) = (FreePort(), FreePort(), FreePort());
        var shop = new Uri($"http://127.0.0.1:{shopPort}");
        var mail = new Uri($"http://127.0.0.1:{mailPort}");
        var script = Start(new()
        {
            ["ADDISPAY_URL"] = shop.ToString(),
            ["ADDISPAY_MAIL_URL"] = mail.ToString(),
            ["ADDISPAY_MAIL_SMTP_PORT"] = smtpPort.ToString(),
            ["ADDISPAY_MAIL_DATA"] = Path.Combine(data.FullName, "mail"),
            ["AddisPay__LocalPostgres__DataDirectory"] = Path.Combine(data.FullName, "postgres"),
            // The hand-written dozen and a few generated ones: 2,000 add seconds of seeding and indexing and test nothing more.
            ["AddisPay__Products__DemoProducts"] = "20",
        });
        var started = new HashSet<int>();
        var clock = Stopwatch.StartNew();
        try
        {
            using var http = new HttpClient { BaseAddress = shop, Timeout = TimeSpan.FromSeconds(30) };
            // ~60 s on a quiet machine; the suite runs it beside the integration tests, and a loaded machine took 150 s and more.
            await WaitUntilReadyAsync(script, http, TimeSpan.FromSeconds(240));
            output.WriteLine($"ready after {clock.Elapsed.TotalSeconds:F0} s");
            started.UnionWith(Descendants(script.Process.Id));
            started.Add(int.Parse(File.ReadLines(Path.Combine(data.FullName, "postgres", "postmaster.pid")).First()));
            Assert.Contains(started, pid => ProcessName(pid) == "AddisPay.Host" || CommandLine(pid).Contains("AddisPay.Host.dll"));
            Assert.Contains(started, pid => ProcessName(pid) == "smtp4dev");
            Assert.Contains(started, pid => ProcessName(pid) == "postgres");

            // The demo catalogue's hand-written products, the shop's home page, and the coupons the README lists.
            var tomoca = await http.GetFromJsonAsync<JsonElement>("/api/products?brand=Tomoca&pageSize=50");
            var names = tomoca.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
            Assert.Contains("Yirgacheffe coffee beans", names);
            Assert.Contains("Harar longberry coffee", names);
            using (var home = await http.GetAsync("/"))
            {
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
                Assert.Equal("text/html", home.Content.Headers.ContentType?.MediaType);
            }
            using var signIn = await http.PostAsJsonAsync("/api/users/sign-in", new { email = "admin@addispay.et", password = "Addis-demo-2026" });
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            using var coupons = new HttpRequestMessage(HttpMethod.Get, "/api/orders/coupons") { Headers = { { "Authorization", $"Bearer {token}" } } };
            using var couponList = await http.SendAsync(coupons);
            var codes = (await couponList.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToArray();
            Assert.Contains("ADDIS10", codes);
            Assert.Contains("ENKUTATASH", codes);

            // The mail catcher: its web page, and an SMTP server greeting on the port the platform sends to.
            using (var page = await http.GetAsync(mail)) Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.StartsWith("220", await SmtpGreetingAsync(smtpPort));

            clock.Restart();
            Assert.Equal(0, Kill(script.Process.Id, SigInt));
            using (var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
                await script.Process.WaitForExitAsync(stopped.Token);
            output.WriteLine($"stopped {clock.Elapsed.TotalSeconds:F1} s after SIGINT");
            Assert.Equal(130, script.Process.ExitCode);
            var left = started.Where(Alive).Select(pid => $"{pid} {CommandLine(pid)}").ToArray();
            Assert.True(left.Length == 0, $"Still running after the script ended: {string.Join("; ", left)}");
            foreach (var port in new[] { shopPort, mailPort, smtpPort }) Assert.True(Free(port), $"port {port} is still taken");
        }
        finally
        {
            if (!script.Process.HasExited)
            {
                Kill(script.Process.Id, SigTerm);
                if (!script.Process.WaitForExit(TimeSpan.FromSeconds(30))) script.Process.Kill(true);
            }
            foreach (var pid in started.Where(Alive)) Kill(pid, SigKill);
            output.WriteLine(script.Output);
            try { data.Delete(true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_start_script_given_an_unknown_module_name_exits_non_zero_with_one_line_of_error()
    {
        var script = Start(new() { ["ADDISPAY_MAIL"] = "off", ["AddisPay__Modules"] = "products,paymnts", ["ADDISPAY_URL"] = $"http://127.0.0.1:{FreePort()}" });
        // Seconds on a quiet machine; a generous bound, since it waits only on a refusal (a loaded machine took over a minute).
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180)))
            await script.Process.WaitForExitAsync(timeout.Token);
        script.Process.WaitForExit(); // flushes the redirected output

        Assert.NotEqual(0, script.Process.ExitCode);
        var line = Assert.Single(script.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("AddisPay:Modules names unknown module(s): paymnts.", line);
    }

    private sealed class Script(Process process)
    {
        private readonly StringBuilder _output = new(), _errors = new();
        public Process Process { get; } = process;
        public string Output { get { lock (_output) return _output + "\n--- stderr ---\n" + Errors; } }
        public string Errors { get { lock (_errors) return _errors.ToString(); } }

        public Script Read()
        {
            Process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
            Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_errors) _errors.AppendLine(e.Data); };
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
            return this;
        }
    }

    private static Script Start(Dictionary<string, string> environment)
    {
        // As a terminal starts it: SIGINT at its default even when this run was started in the background by a
        // non-interactive shell (which ignores it for its children, and a script cannot trap a signal ignored on entry).
        // env execs bash in place, so the script keeps the pid this test signals.
        var psi = new ProcessStartInfo("env", ["--default-signal=INT", "bash", Path.Combine(Chart.Root, "scripts", "start.sh")])
        {
            WorkingDirectory = Chart.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false
        };
        // The Host this run built, in its configuration; no build of its own.
        psi.Environment["ADDISPAY_CONFIGURATION"] = Configuration;
        psi.Environment["ADDISPAY_BUILD"] = "off";
        // The runtime's defaults, as on a newcomer's machine: a test run may switch tiered compilation off for its own
        // long-lived processes, which would make this minute-long Host compile everything fully optimised at start.
        psi.Environment.Remove("DOTNET_TieredCompilation");
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        return new Script(Process.Start(psi)!).Read();
    }

    private static async Task WaitUntilReadyAsync(Script script, HttpClient http, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (script.Process.HasExited) throw new InvalidOperationException($"start.sh exited with {script.Process.ExitCode}:\n{script.Output}");
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException($"start.sh was not ready within {within.TotalSeconds} s:\n{script.Output}");
    }

    private static async Task<string> SmtpGreetingAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var reader = new StreamReader(client.GetStream());
        return await reader.ReadLineAsync() ?? "";
    }

    /// <summary>Every process below <paramref name="root"/>, from /proc.</summary>
    private static IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
            }
            catch (IOException) { }
        }
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            foreach (var (pid, ppid) in parents)
                if (ppid == parent) { found.Add(pid); queue.Enqueue(pid); }
        }
        return found;
    }

    // A zombie has ended: in a container whose first process reaps nothing it may linger in the table.
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException) { return false; }
    }

    private static string ProcessName(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); } catch (IOException) { return ""; }
    }

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); } catch (IOException) { return ""; }
    }

    // Below the kernel's ephemeral range (32768-60999), where a pooled outgoing connection could take a listener's port.
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            if (Free(port)) return port;
        }
        throw new InvalidOperationException("No free loopback port found");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            // Connections that have just closed (TIME_WAIT) don't take the port: only a listener does.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException) { return false; }
    }

    private const int SigInt = 2, SigKill = 9, SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
