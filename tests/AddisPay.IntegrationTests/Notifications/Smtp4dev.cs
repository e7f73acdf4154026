using System.Diagnostics;
using System.Net.Sockets;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>An email as smtp4dev received it, with both bodies as sent.</summary>
public sealed record ReceivedEmail(string Id, string From, IReadOnlyList<string> To, string Subject, string Text, string Html,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A real SMTP server for the test run: smtp4dev on loopback, installed by scripts/ensure-smtp4dev.sh when missing,
/// started once per test process, with an in-memory store. Tests read what it received through its HTTP API.
/// </summary>
public sealed class Smtp4dev
{
    private static readonly Lazy<Task<Smtp4dev>> Shared = new(StartAsync);
    private readonly HttpClient _api;

    private Smtp4dev(int smtpPort, HttpClient api)
    {
        SmtpPort = smtpPort;
        _api = api;
    }

    public int SmtpPort { get; }

    public static Task<Smtp4dev> InstanceAsync() => Shared.Value;

    /// <summary>Every email delivered to <paramref name="address"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> MessagesToAsync(string address)
    {
        var page = await _api.GetFromJsonAsync<JsonElement>($"/api/messages?searchTerms={Uri.EscapeDataString(address)}&pageSize=500");
        var found = new List<ReceivedEmail>();
        foreach (var m in page.GetProperty("results").EnumerateArray())
        {
            var to = m.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToList();
            if (!to.Contains(address, StringComparer.OrdinalIgnoreCase)) continue;
            var id = m.GetProperty("id").GetString()!;
            var detail = await _api.GetFromJsonAsync<JsonElement>($"/api/messages/{id}");
            var headers = detail.GetProperty("headers").EnumerateArray()
                .GroupBy(h => h.GetProperty("name").GetString()!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().GetProperty("value").GetString() ?? "", StringComparer.OrdinalIgnoreCase);
            found.Add(new ReceivedEmail(id, m.GetProperty("from").GetString() ?? "", to, m.GetProperty("subject").GetString() ?? "",
                await BodyAsync(id, "plaintext"), await BodyAsync(id, "html"), headers));
        }
        return found.OrderBy(m => m.Id).ToList();
    }

    /// <summary>The SMTP conversations (one per connection) that carried mail to <paramref name="address"/>: id, messages carried, and the log.</summary>
    public async Task<IReadOnlyList<(string Id, int Messages, string Log)>> SessionsToAsync(string address)
    {
        var page = await _api.GetFromJsonAsync<JsonElement>("/api/sessions?pageSize=500");
        var found = new List<(string, int, string)>();
        foreach (var session in page.GetProperty("results").EnumerateArray())
        {
            var id = session.GetProperty("id").GetString()!;
            var log = await _api.GetStringAsync($"/api/sessions/{id}/log");
            if (log.Contains($"<{address}>", StringComparison.OrdinalIgnoreCase)) found.Add((id, session.GetProperty("numberOfMessages").GetInt32(), log));
        }
        return found;
    }

    private async Task<string> BodyAsync(string id, string kind)
    {
        using var response = await _api.GetAsync($"/api/messages/{id}/{kind}");
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
    }

    private static async Task<Smtp4dev> StartAsync()
    {
        var root = RepositoryRoot();
        var install = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "ensure-smtp4dev.sh")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root
        })!;
        var stderr = install.StandardError.ReadToEndAsync();
        var executable = (await install.StandardOutput.ReadToEndAsync()).Trim();
        await install.WaitForExitAsync();
        if (install.ExitCode != 0) throw new InvalidOperationException($"scripts/ensure-smtp4dev.sh failed: {await stderr}");

        var smtpPort = FreePort();
        var httpPort = FreePort();
        var data = Directory.CreateTempSubdirectory("smtp4dev-").FullName;
        // Under a watchdog shell that ends smtp4dev once this test process is gone: the test host is often ended without its
        // ProcessExit (below), which left one smtp4dev of ~250 MB running after about every other run. The shell exits with
        // smtp4dev's code when smtp4dev exits first, so a failed start is still seen.
        var server = Process.Start(new ProcessStartInfo("bash",
        [
            "-c", $$"""
                "$0" "$@" & server=$!
                while kill -0 {{Environment.ProcessId}} 2>/dev/null; do
                  kill -0 $server 2>/dev/null || { wait $server; exit $?; }
                  sleep 1
                done
                kill $server; wait $server
                """,
            executable,
            $"--urls=http://127.0.0.1:{httpPort}", $"--smtpport={smtpPort}", "--imapport=0", "--pop3port=0", "--bindaddress=127.0.0.1",
            "--hostname=localhost", "--db=", "--messagestokeep=10000", "--sessionstokeep=100", $"--baseappdatapath={data}", "--tlsmode=None",
        ])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data
        })!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { server.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        };

        var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        // As long as a Host may take (HostProcess): a loaded machine (load average above 30) took over 60 s.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (server.HasExited) throw new InvalidOperationException($"smtp4dev exited with {server.ExitCode} while starting.");
            try
            {
                using var probe = await api.GetAsync("/api/messages?pageSize=1");
                if (probe.StatusCode == HttpStatusCode.OK && await SmtpAnswersAsync(smtpPort)) return new Smtp4dev(smtpPort, api);
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("smtp4dev did not start within 3 minutes.");
            await Task.Delay(200);
        }
    }

    private static async Task<bool> SmtpAnswersAsync(int port)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException) { return false; }
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range (<see cref="HostProcess.FreePort"/>): one the kernel handed out (port 0)
    /// can be taken by an outgoing connection before smtp4dev or the fake binds it.
    /// </summary>
    public static int FreePort() => HostProcess.FreePort();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AddisPay.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AddisPay.sln not found above " + AppContext.BaseDirectory);
    }
}
