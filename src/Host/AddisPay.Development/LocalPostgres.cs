using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace AddisPay.Development;

/// <summary>
/// A private PostgreSQL cluster started from the machine's server binaries, so `dotnet run` and the
/// test suite need neither Docker nor a pre-configured server. It listens on 127.0.0.1 on a free port
/// and is stopped when disposed.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable, IDisposable
{
    private const string Superuser = "addispay";
    private readonly string _binDirectory;
    private readonly string? _runAsUser;
    private bool _stopped;

    private LocalPostgres(string binDirectory, string dataDirectory, int port, string? runAsUser)
    {
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        _runAsUser = runAsUser;
    }

    public string DataDirectory { get; }
    public int Port { get; }

    public string ConnectionString(string database = "addispay") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database,
            MaxPoolSize = 50, Timeout = 15
        }.ConnectionString;

    /// <summary>Starts (creating it first if new) a cluster in <paramref name="dataDirectory"/>.</summary>
    /// <param name="durable">false turns off fsync: right for throw-away test clusters only.</param>
    /// <param name="serverOptions">More postgres options ("-c name=value ..."), e.g. to load pg_stat_statements for a benchmark.</param>
    public static LocalPostgres Start(string dataDirectory, bool durable, Action<string>? log = null, string? serverOptions = null)
    {
        log ??= _ => { };
        var bin = FindBinaries() ?? throw new InvalidOperationException(MissingBinariesMessage);
        var runAs = RunAsUserWhenRoot();
        Directory.CreateDirectory(dataDirectory);
        var socketDir = Path.Combine(Path.GetTempPath(), "addispay-pg-sockets");
        Directory.CreateDirectory(socketDir);
        if (runAs is not null)
        {
            Run("chown", ["-R", runAs, dataDirectory]);
            Run("chmod", ["1777", socketDir]);
        }

        var pg = new LocalPostgres(bin, dataDirectory, FreePort(), runAs);
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            log($"Creating a local PostgreSQL cluster in {dataDirectory}");
            pg.RunPg("initdb", ["-D", dataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        }
        else if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            // Left behind by a process that was killed: stop it so we own the port we pick.
            pg.TryRunPg("pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w"]);
        }

        // A throw-away cluster serves test runs that start many Host processes at once, each with its modules' pools.
        var connections = durable ? 300 : 1000;
        var options = $"-p {pg.Port} -c listen_addresses=127.0.0.1 -k {socketDir} -c max_connections={connections} " +
                      "-c shared_buffers=128MB -c max_locks_per_transaction=128" +
                      (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off") + (serverOptions is null ? "" : " " + serverOptions);
        pg.RunPg("pg_ctl", ["start", "-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(dataDirectory, "server.log"), "-o", options]);
        pg.EnsureDatabase("addispay");
        log($"Local PostgreSQL listening on 127.0.0.1:{pg.Port} (data: {dataDirectory})");
        return pg;
    }

    public void EnsureDatabase(string name)
    {
        using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        conn.Open();
        using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @n", conn);
        exists.Parameters.AddWithValue("n", name);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"create database \"{name}\"", conn);
            create.ExecuteNonQuery();
        }
    }

    public void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        TryRunPg("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"]);
    }

    public void Dispose() => Stop();

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    public const string MissingBinariesMessage =
        "No PostgreSQL server binaries (initdb, pg_ctl) were found on PATH or under /usr/lib/postgresql/*/bin. " +
        "Install them with `sudo apt-get install -y postgresql` (Debian/Ubuntu), run `scripts/ensure-postgres.sh`, " +
        "or set ConnectionStrings__AddisPay to an existing server.";

    public static string? FindBinaries()
    {
        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (fromPath is not null) return fromPath;
        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot)) return null;
        return Directory.GetDirectories(debianRoot)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    // initdb refuses to run as root; under root (containers, CI) the cluster belongs to an unprivileged user.
    private static string? RunAsUserWhenRoot()
    {
        if (!OperatingSystem.IsLinux() || GetEffectiveUserId() != 0) return null;
        var user = Environment.GetEnvironmentVariable("ADDISPAY_PG_USER") ?? "postgres";
        if (Run("id", ["-u", user], throwOnError: false) != 0)
            throw new InvalidOperationException(
                $"Running as root, the local PostgreSQL cluster must be owned by an unprivileged user, and user '{user}' does not exist. " +
                "Create it (`useradd --system postgres`) or set ADDISPAY_PG_USER.");
        return user;
    }

    private void RunPg(string tool, IReadOnlyList<string> args) => RunPg(tool, args, throwOnError: true);
    private void TryRunPg(string tool, IReadOnlyList<string> args) => RunPg(tool, args, throwOnError: false);

    private void RunPg(string tool, IReadOnlyList<string> args, bool throwOnError)
    {
        var exe = Path.Combine(_binDirectory, tool);
        if (_runAsUser is null) Run(exe, args, throwOnError);
        else Run("runuser", ["-u", _runAsUser, "--", exe, .. args], throwOnError);
    }

    private static int Run(string file, IReadOnlyList<string> args, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath()
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        // pg_ctl start leaves the server holding inherited pipes; read asynchronously and don't wait for EOF.
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            p.Kill(true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 120 s");
        }
        if (p.ExitCode != 0 && throwOnError)
        {
            var err = stderr.Wait(TimeSpan.FromSeconds(2)) ? stderr.Result : "";
            var @out = stdout.Wait(TimeSpan.FromSeconds(2)) ? stdout.Result : "";
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({p.ExitCode}): {err}{@out}");
        }
        return p.ExitCode;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
