using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's nginx (scripts/ensure-nginx.sh) as an ordinary process on a loopback port, standing in for the Ingress and
/// the Services of a cluster where a module runs as several replicas: one upstream per process group, balanced between
/// that group's replicas, and `/api/&lt;module&gt;` and `/internal/&lt;module&gt;` routed to the group running the module.
/// Every module's base URL points here, so the modules' Contracts calls are balanced too, as a Service balances them.
/// Also linked into tests/AddisPay.Benchmarks (the `replicas` benchmark).
/// </summary>
public sealed class ReplicaRouter : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private ReplicaRouter(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public int Pid => _process.Id;

    /// <summary>What nginx logged (its error log: upstreams it marked failed, requests it passed to the next replica).</summary>
    public string Log
    {
        get
        {
            var log = Path.Combine(_directory, "error.log");
            lock (_output) return _output + (File.Exists(log) ? File.ReadAllText(log) : "");
        }
    }

    public static string Executable() =>
        new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException("nginx is missing: run scripts/ensure-nginx.sh (Debian's nginx-light).");

    /// <summary>
    /// Where requests for <paramref name="Modules"/> go: <paramref name="Ports"/>, balanced; <paramref name="Backups"/> only
    /// when none of those answers. During a move between shapes the old shape's processes are the backups of the new ones
    /// until they are stopped, as a terminating pod's in-flight requests finish while the Service already sends to the new.
    /// </summary>
    public sealed record Route(string[] Modules, int[] Ports, int[]? Backups = null);

    /// <summary>
    /// The configuration: <paramref name="groups"/> maps each group's modules to its replicas' ports. Exposed so a test can
    /// read what the router does without starting it. <paramref name="guarded"/> false breaks the router's guard on purpose
    /// (no next replica, a dead replica's 502 passed on): the replica tests' proof that their check of answers can fail.
    /// </summary>
    public static string Configuration(string directory, int port, IReadOnlyList<(string[] Modules, int[] Ports)> groups, bool guarded = true) =>
        Configuration(directory, port, groups.Select(g => new Route(g.Modules, g.Ports)).ToList(), guarded);

    /// <summary>
    /// The configuration for <paramref name="routes"/>. Besides the modules' paths it answers `/ready/&lt;module&gt;` with the
    /// readiness of whichever of the module's processes takes the request (200 while one of them is ready), and
    /// `/generation` with <paramref name="generation"/>, by which a reload is known to have taken effect.
    /// </summary>
    public static string Configuration(string directory, int port, IReadOnlyList<Route> routes, bool guarded = true, int generation = 0)
    {
        var c = new StringBuilder();
        c.AppendLine($$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 2048; }
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              client_max_body_size 16m;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_set_header Host $http_host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_buffering off;
              # A killed replica refuses connections at once; a frozen one must not hold a request for long.
              proxy_connect_timeout 2s;
              proxy_read_timeout 90s;
              # Passed to the other replica: any request that never reached a replica (connection refused or reset before it
              # was sent), and idempotent methods (GET, HEAD, PUT, DELETE) also after an error, a 502 or a 503. nginx never
              # resends a POST that a replica may have started on: the caller decides (RemoteModuleClient retries queries
              # and retry-safe commands; a public POST carries an Idempotency-Key the client resends).
            """);
        c.AppendLine(guarded ? "  proxy_next_upstream error timeout http_502 http_503;\n  proxy_next_upstream_tries 2;" : "  proxy_next_upstream off;");
        for (var i = 0; i < routes.Count; i++)
        {
            c.AppendLine($"  upstream group{i} {{");
            // One failure takes a replica out for a second: a SIGKILLed one is then skipped rather than tried per request.
            foreach (var p in routes[i].Ports) c.AppendLine($"    server 127.0.0.1:{p} max_fails=1 fail_timeout=1s;");
            foreach (var p in routes[i].Backups ?? []) c.AppendLine($"    server 127.0.0.1:{p} max_fails=1 fail_timeout=1s backup;");
            c.AppendLine("    keepalive 32;");
            c.AppendLine("  }");
        }
        c.AppendLine($$"""
              server {
                listen 127.0.0.1:{{port}};
                # One connection per client request. A reload (the re-topology test's moves) has the old workers close
                # their idle client connections, and a request a client had just started on one failed before nginx read
                # it (HttpRequestException): a race of this stand-in, not of the Services and Ingress it stands in for,
                # which change endpoints without closing clients' connections.
                keepalive_timeout 0;
                location = /generation { default_type text/plain; return 200 '{{generation}}'; }
            """);
        if (guarded)
            c.AppendLine("""
                # What a replica that died under a request leaves behind (502, or 504 if it froze) is answered as the platform
                # answers an unavailable module: 503 with Retry-After, which callers retry (with the same Idempotency-Key).
                error_page 502 504 = @unavailable;
                location @unavailable {
                  default_type application/problem+json;
                  add_header Retry-After 1 always;
                  return 503 '{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.4","title":"Service unavailable","status":503,"detail":"The replica serving this request went away; try again."}';
                }
            """);
        for (var i = 0; i < routes.Count; i++)
        {
            c.AppendLine($"    location ~ ^/(api|internal)/({string.Join('|', routes[i].Modules)})(/|$) {{ proxy_pass http://group{i}; }}");
            foreach (var module in routes[i].Modules)
                c.AppendLine($"    location = /ready/{module} {{ proxy_pass http://group{i}/health/ready; }}");
        }
        c.AppendLine("    location / { return 404; }");
        c.AppendLine("  }");
        c.AppendLine("}");
        return c.ToString();
    }

    public static Task<ReplicaRouter> StartAsync(int port, IReadOnlyList<(string[] Modules, int[] Ports)> groups, bool guarded = true) =>
        StartAsync(port, groups.Select(g => new Route(g.Modules, g.Ports)).ToList(), guarded);

    public static async Task<ReplicaRouter> StartAsync(int port, IReadOnlyList<Route> routes, bool guarded = true)
    {
        var directory = Directory.CreateTempSubdirectory("addispay-router-").FullName;
        var conf = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(conf, Configuration(directory, port, routes, guarded));
        var psi = new ProcessStartInfo(Executable())
        {
            // -e: nginx opens its built-in error log before reading the configuration; that one is not ours to write.
            ArgumentList = { "-p", directory, "-e", Path.Combine(directory, "error.log"), "-c", conf, "-g", "daemon off;" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var router = new ReplicaRouter(Process.Start(psi)!, directory, port) { _guarded = guarded };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (router._process.HasExited) throw new InvalidOperationException($"nginx exited with {router._process.ExitCode}:\n{router.Log}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return router;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private bool _guarded;
    private int _generation;

    /// <summary>
    /// Routes as <paramref name="routes"/> from now on, as an Ingress controller does when a Service's endpoints change:
    /// nginx's master starts workers with the new configuration and lets the old ones finish the requests they hold
    /// (SIGHUP). Returns once the router answers with the new configuration and the old worker has finished what it held.
    /// </summary>
    public async Task ReloadAsync(IReadOnlyList<Route> routes)
    {
        var generation = ++_generation;
        var conf = Path.Combine(_directory, "nginx.conf");
        await File.WriteAllTextAsync(conf, Configuration(_directory, Port, routes, _guarded, generation));
        Process.Start("kill", ["-HUP", _process.Id.ToString()])!.WaitForExit();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        // Not Eventually: this file is linked into the benchmarks too, which have no such helper.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                if (await http.GetStringAsync("/generation") == generation.ToString()) break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"The router did not reload (generation {generation}):\n{Log}");
            await Task.Delay(50);
        }
        // The old configuration's worker keeps a client's idle keep-alive connection until it exits, and answers a request
        // sent on it with the old routes: wait until it has finished what it holds (one worker left), as long as a request
        // may take, so that every request from here on takes the new routes.
        var children = $"/proc/{_process.Id}/task/{_process.Id}/children";
        var drained = DateTime.UtcNow.AddSeconds(90);
        while (File.Exists(children) && File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 1 && DateTime.UtcNow < drained)
            await Task.Delay(50);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
