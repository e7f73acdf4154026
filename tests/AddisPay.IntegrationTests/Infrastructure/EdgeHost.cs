using System.Net.Sockets;
using System.Text;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// One real Host process (Kestrel, not the test server) for the tests of what reaches the client at the edge: headers,
/// and the answers to requests too broken for an endpoint to see.
/// </summary>
public sealed class EdgeHost : IAsyncLifetime
{
    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HostProcess.StartAsync("products", TestPostgres.CreateDatabase("edge"));

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Sends <paramref name="request"/> as bytes on a fresh connection and returns everything the server answers.</summary>
    public async Task<RawResponse> SendRawAsync(byte[] request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Host.BaseAddress.Host, Host.Port);
        var stream = tcp.GetStream();
        try { await stream.WriteAsync(request); }
        catch (IOException) { } // the server may answer and close before it has read everything
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, n);
                if (RawResponse.IsComplete(received.ToArray())) break;
            }
        }
        catch (IOException) { }
        return RawResponse.Parse(received.ToArray());
    }
}

[CollectionDefinition(nameof(EdgeHost))]
public sealed class EdgeHostCollection : ICollectionFixture<EdgeHost>;

/// <summary>An HTTP/1.1 answer as it came off the wire.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static RawResponse Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) throw new InvalidOperationException($"No complete HTTP response head: '{text}'");
        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = text[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked")) body = Unchunk(body);
        return new RawResponse(status, headers, body);
    }

    internal static bool IsComplete(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var head = text[..end];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) return text.EndsWith("0\r\n\r\n");
        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is not null && Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= int.Parse(length.Split(':')[1].Trim());
    }

    private static string Unchunk(string chunked)
    {
        var body = new StringBuilder();
        var rest = chunked;
        while (true)
        {
            var lineEnd = rest.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(rest[..lineEnd], 16);
            if (size == 0) return body.ToString();
            body.Append(rest.AsSpan(lineEnd + 2, size));
            rest = rest[(lineEnd + 2 + size + 2)..];
        }
    }
}
