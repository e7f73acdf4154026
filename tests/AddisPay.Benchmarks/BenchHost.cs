using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

/// <summary>What every benchmark needs: the built Host, processes of it on loopback, tokens, a free port.</summary>
internal static class BenchHost
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// A Host already built elsewhere (`--built-host path/AddisPay.Host.dll`): a before/after pair runs the same benchmark
    /// code against two builds, alternating, in one block of time (a worktree of the earlier commit builds "before").
    /// </summary>
    public static string? Built { get; private set; }

    public static void UseBuilt(string[] args)
    {
        var at = Array.IndexOf(args, "--built-host");
        if (at < 0) return;
        Built = Path.GetFullPath(args[at + 1]);
        if (!File.Exists(Built)) throw new FileNotFoundException("No Host at --built-host.", Built);
    }

    /// <summary>Builds the Host in Release (build output to stderr, so stdout holds only results) and returns its dll.</summary>
    public static string BuildHost()
    {
        if (Built is not null) return Built;
        var p = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(Root, "src/Host/AddisPay.Host"), "-c", "Release", "-nologo", "-v", "q", "-clp:ErrorsOnly"])
            { RedirectStandardOutput = true })!;
        Console.Error.Write(p.StandardOutput.ReadToEnd());
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("Building the Host failed.");
        return Path.Combine(Root, "src/Host/AddisPay.Host/bin/Release/net10.0/AddisPay.Host.dll");
    }

    /// <summary>The run's pod-to-pod key: 32 random bytes, as the Host requires outside Development.</summary>
    private static readonly string InternalKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts a Host process with the given modules and waits until /health/ready answers 200.</summary>
    public static async Task<(Process Process, int Port, double ReadyMs)> StartAsync(string hostDll, string db, string key, string modules,
        List<Process> children, Dictionary<string, string>? env = null, TimeSpan? readyWithin = null, int? port = null, PodMemory? pod = null)
    {
        var listen = port ?? FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll }, WorkingDirectory = Path.GetDirectoryName(hostDll)!, RedirectStandardOutput = true, RedirectStandardError = true
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{listen}";
        psi.Environment["ConnectionStrings__AddisPay"] = db;
        psi.Environment["AddisPay__Modules"] = modules;
        psi.Environment["AddisPay__InternalKey"] = InternalKey;
        // Load generators send everything from 127.0.0.1: one client address, which the per-address limits would throttle.
        foreach (var policy in AddisPay.Shared.Http.RateLimits.Defaults.Keys)
            psi.Environment[AddisPay.Shared.Http.RateLimits.ConfigurationKey(policy).Replace(":", "__") + "__PermitLimit"] = "100000000";
        psi.Environment["AddisPay__Auth__SigningKeys__bench"] = key;
        psi.Environment["AddisPay__MigrateOnStartup"] = "true";
        psi.Environment["AddisPay__Logging__Format"] = "ecs";
        // Request logging at Warning: one JSON line per request would measure the console, not the API.
        psi.Environment["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning";
        foreach (var (k, v) in env ?? []) psi.Environment[k] = v;
        if (pod is not null) psi = pod.Wrap(psi);
        var sw = Stopwatch.StartNew();
        var p = Process.Start(psi)!;
        children.Add(p);
        // The last lines it wrote, to say why it exited if it does not become ready.
        var tail = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // ADDISPAY_BENCH_LOGS=<dir> keeps every line a Host writes, one file per process: where a slow request spent its time.
        var logDir = Environment.GetEnvironmentVariable("ADDISPAY_BENCH_LOGS");
        var log = logDir is null ? null : TextWriter.Synchronized(new StreamWriter(Path.Combine(Directory.CreateDirectory(logDir).FullName,
            $"{modules.Replace(',', '+')}-{p.Id}.log")) { AutoFlush = true });
        void Keep(string? line)
        {
            if (line is null) return;
            log?.WriteLine(line);
            tail.Enqueue(line);
            while (tail.Count > 20) tail.TryDequeue(out _);
        }
        p.OutputDataReceived += (_, e) => Keep(e.Data);
        p.ErrorDataReceived += (_, e) => Keep(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{listen}") };
        var limit = readyWithin ?? TimeSpan.FromSeconds(60);
        while (sw.Elapsed < limit)
        {
            if (p.HasExited) throw new InvalidOperationException($"Host ({modules}) exited with {p.ExitCode}:\n{string.Join("\n", tail)}");
            try
            {
                using var r = await http.GetAsync("/health/ready");
                if (r.StatusCode == HttpStatusCode.OK) return (p, listen, sw.Elapsed.TotalMilliseconds);
            }
            catch (HttpRequestException) { }
            await Task.Delay(20);
        }
        throw new TimeoutException($"Host ({modules}) not ready within {limit}");
    }

    /// <summary>The process's resident memory (VmRSS) in MB.</summary>
    public static double RssMb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:"))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).First();

    public static string AdminToken(string key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "addispay", Audience = "addispay", Expires = DateTime.UtcNow.AddHours(1),
        Subject = new ClaimsIdentity([new Claim("sub", "bench-admin"), new Claim("role", "admin")]),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)) { KeyId = "bench" }, SecurityAlgorithms.HmacSha256)
    });

    public static void Stop(Process p)
    {
        if (!p.HasExited) { p.Kill(true); p.WaitForExit(10_000); }
    }

    /// <summary>Stops the process where it is (SIGSTOP): it takes no CPU, keeps its connections and resumes warm.</summary>
    public static void Pause(Process p)
    {
        if (!p.HasExited && Signal(p.Id, 19) != 0) throw new InvalidOperationException($"Could not pause process {p.Id}");
    }

    /// <summary>Lets a paused process run again (SIGCONT).</summary>
    public static void Resume(Process p)
    {
        if (!p.HasExited) Signal(p.Id, 18);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static string PgVersion(string db)
    {
        using var c = new Npgsql.NpgsqlConnection(db);
        c.Open();
        return c.PostgreSqlVersion.ToString();
    }

    /// <summary>The value at <paramref name="percentile"/> (nearest rank).</summary>
    public static double Percentile(List<double> xs, int percentile)
    {
        var s = xs.Order().ToList();
        return s[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * s.Count) - 1, 0, s.Count - 1)];
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AddisPay.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the AddisPay checkout.");
    }
}
