using AddisPay.Development;
using System.Diagnostics;
using AddisPay.Shared.Data;
using Npgsql;

namespace AddisPay.IntegrationTests.Operations;

/// <summary>
/// The backup the chart's CronJob takes (pg_dump --format=custom) and the restore docs/operations.md describes
/// (pg_restore --no-owner into a fresh cluster), with the real PostgreSQL tools, proven by a Host started on the
/// restored database reading back the orders placed before the backup.
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task Orders_placed_before_a_pg_dump_read_back_the_same_from_a_host_on_the_restored_fresh_cluster()
    {
        var database = TestPostgres.CreateDatabase("backup");
        var orders = new Dictionary<Guid, string>();
        Guid buyerId;
        string token;
        await using (var before = await HostProcess.StartAsync("all", database))
        {
            var shop = new Shop(before.Client(), before.Client());
            var coffee = await shop.CreateProductAsync($"BKP-{Guid.NewGuid():N}"[..14], 420m, stock: 10);
            var buyer = await Buyer.SignUpAsync(before.Client());
            (buyerId, token) = (buyer.Id, buyer.Token);
            for (var i = 1; i <= 2; i++)
            {
                var order = await buyer.OrderAsync(await buyer.FillCartAsync(coffee.Id, i));
                orders[order.Id] = await ReadOrderAsync(before.Client(), token, order.Id);
            }
        }

        var dump = Path.Combine(Path.GetTempPath(), $"addispay-backup-{Guid.NewGuid():N}.dump");
        var fresh = Path.Combine(Path.GetTempPath(), $"addispay-restore-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var bin = ClientTools();
        try
        {
            var source = new NpgsqlConnectionStringBuilder(database);
            if (source.Password is { } password) Environment.SetEnvironmentVariable("PGPASSWORD", password); // ADDISPAY_TEST_POSTGRES may have one
            Run(Path.Combine(bin, "pg_dump"), "--format=custom", "--no-owner", $"--file={dump}",
                $"host={source.Host} port={source.Port} dbname={source.Database} user={source.Username}");
            using var restored = LocalPostgres.Start(fresh, durable: false);
            var target = new NpgsqlConnectionStringBuilder(restored.ConnectionString());
            Run(Path.Combine(bin, "pg_restore"), "--no-owner", "--exit-on-error",
                $"--dbname=host={target.Host} port={target.Port} dbname={target.Database} user={target.Username}", dump);

            await using var after = await HostProcess.StartAsync("all", restored.ConnectionString());
            foreach (var (id, expected) in orders)
                Assert.Equal(expected, await ReadOrderAsync(after.Client(), token, id));
            // And it goes on working: the restored customer is still who the token says.
            using var me = await after.Client().SendAsync(new Buyer(after.Client(), after.Client(), after.Client(), buyerId, token).Request(HttpMethod.Get, "/api/users/me"));
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
        finally
        {
            File.Delete(dump);
            try { Directory.Delete(fresh, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    // The server's own pg_dump and pg_restore: the directory initdb really lives in (PATH may hold only links to it).
    private static string ClientTools()
    {
        var initdb = new FileInfo(Path.Combine(LocalPostgres.FindBinaries()!, "initdb"));
        return (initdb.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? initdb).DirectoryName!;
    }

    private static async Task<string> ReadOrderAsync(HttpClient http, string token, Guid id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{id}");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetRawText();
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), $"{file} timed out");
        Assert.True(p.ExitCode == 0, $"{Path.GetFileName(file)} failed: {error.Result}");
    }
}
