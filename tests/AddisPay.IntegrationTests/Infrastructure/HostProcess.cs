using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// A real Host process on loopback, started from the built AddisPay.Host.dll the way a pod starts it:
/// configuration from environment variables only.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int port, string modules, string connectionString)
    {
        ConnectionString = connectionString;
        _process = process;
        Port = port;
        Modules = modules;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string Modules { get; }
    public string ConnectionString { get; }
    public Uri BaseAddress { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Databases.Remember(client, ConnectionString);
        return client;
    }

    /// <summary>
    /// The built Host, or the published one when ADDISPAY_HOST_DIR names it: scripts/test.sh publishes the Host the way the
    /// image does (compiled ahead of time), so each of the suite's Host processes skips most of its JIT work
    /// (docs/benchmarks.md, "Cold start").
    /// </summary>
    public static string HostAssembly()
    {
        var published = Environment.GetEnvironmentVariable("ADDISPAY_HOST_DIR");
        if (!string.IsNullOrEmpty(published))
        {
            var dll = Path.Combine(published, "AddisPay.Host.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("ADDISPAY_HOST_DIR holds no published Host", dll);
        }
        // tests/AddisPay.IntegrationTests/bin/<Configuration>/net10.0 -> src/Host/AddisPay.Host/bin/<Configuration>/net10.0
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "Host", "AddisPay.Host", "bin", configuration, tfm, "AddisPay.Host.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the Host first", path);
    }

    /// <param name="readyWithin">3 minutes unless given: a process migrating every schema while the suite runs three lanes on 2 cores took over 60 s in CI.</param>
    public static async Task<HostProcess> StartAsync(string modules, string connectionString, int? port = null,
        IDictionary<string, string>? environment = null, TimeSpan? readyWithin = null)
    {
        var host = Launch(modules, connectionString, port ?? FreePort(), environment);
        try
        {
            await host.WaitUntilReadyAsync(readyWithin);
        }
        catch
        {
            // A host that never became ready is nobody's to dispose: stop it here, or it outlives the test run.
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>Runs the Host as a one-off command (e.g. `migrate`) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string command, string modules, string connectionString,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        await using var host = Launch(modules, connectionString, FreePort(), environment, command);
        using var waited = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await host._process.WaitForExitAsync(waited.Token);
        host._process.WaitForExit(); // flushes the redirected output
        return (host._process.ExitCode, host.Output);
    }

    private static HostProcess Launch(string modules, string connectionString, int p, IDictionary<string, string>? environment,
        params string[] args)
    {
        var dll = HostAssembly();
        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        foreach (var (key, value) in PlatformFactory.BaseSettings(connectionString, modules))
            psi.Environment[key.Replace(":", "__")] = value;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{p}";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            // Configuration keys ignore case but environment variables don't: a differently cased duplicate would make
            // which value wins depend on the order the runtime enumerates them.
            foreach (var same in psi.Environment.Keys.Where(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)).ToList())
                psi.Environment.Remove(same);
            psi.Environment[key] = value;
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        return new HostProcess(Process.Start(psi)!, p, modules, connectionString);
    }

    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var http = Client();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Host ({Modules}) exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var r = await http.GetAsync("/health/ready");
                if (r.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            // A process starting beside others on a saturated machine once took over the client's 30 s to answer a probe.
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Host ({Modules}) not ready in time:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when a node dies or the OOM killer strikes.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        RecordCpu("killed");
        Process.Start("kill", ["-KILL", _process.Id.ToString()])!.WaitForExit();
        _process.WaitForExit(10_000);
    }

    /// <summary>
    /// SIGTERM, as the kubelet stops a pod after its preStop hook: Kestrel stops taking connections and finishes the requests
    /// it holds, the modules' background work stops (HostOptions.ShutdownTimeout). Returns the CPU seconds the process had
    /// used when the signal was sent, once it has exited; SIGKILL if it is still running after <paramref name="grace"/>
    /// (the pod's terminationGracePeriodSeconds), which a test can see in <see cref="ExitCode"/> (137).
    /// </summary>
    public async Task<double> TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited) return 0;
        var cpu = CpuSeconds;
        RecordCpu("terminated");
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
        return cpu;
    }

    /// <summary>The CPU seconds (user and system) the process has used so far; 0 once it has exited.</summary>
    public double CpuSeconds
    {
        get
        {
            try { return _process.HasExited ? 0 : _process.TotalProcessorTime.TotalSeconds; }
            catch (InvalidOperationException) { return 0; }
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            RecordCpu("stopped");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>
    /// What the process cost, for scripts/suite-report.py: the suite is bound by CPU and Host processes take the largest
    /// share of it (README, "Test"). One line per process to ADDISPAY_HOST_CPU_LOG when scripts/test.sh sets it.
    /// </summary>
    private void RecordCpu(string how)
    {
        var log = Environment.GetEnvironmentVariable("ADDISPAY_HOST_CPU_LOG");
        if (string.IsNullOrEmpty(log)) return;
        try
        {
            var cpu = _process.TotalProcessorTime.TotalSeconds;
            var lived = (DateTime.Now - _process.StartTime).TotalSeconds;
            var database = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database;
            var line = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{database}\t{Modules}\t{cpu:0.0}\t{lived:0}\t{how}\n");
            lock (CpuLogLock) File.AppendAllText(log, line);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Gone already, or no log to write: a diagnostic never fails a test.
        }
    }

    private static readonly object CpuLogLock = new();

    /// <summary>
    /// A free port below the kernel's ephemeral range (32768 up): a port there, free when chosen, can be taken by any
    /// outgoing connection before the Host binds it, which the split storefront (ten ports chosen, then ten processes started
    /// one after the other) met as "address already in use" on a busy machine.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            // Not one already handed out in this run: ports chosen together (the split shop's ten) are only bound later.
            lock (HandedOut)
                if (!HandedOut.Add(port)) continue;
            try
            {
                using var l = new TcpListener(IPAddress.Loopback, port);
                l.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken by another listener: try another.
            }
        }
        throw new InvalidOperationException("No free port between 20000 and 32767.");
    }

    private static readonly HashSet<int> HandedOut = [];
}
