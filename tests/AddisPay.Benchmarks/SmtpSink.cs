using System.Net.Sockets;
using System.Text;

/// <summary>
/// A minimal SMTP server on loopback that accepts every message and keeps none: the mail relay a deployment
/// has, so the Host sends its order emails as it would in production instead of failing and retrying them
/// (which would also burden the pgbench run that follows). Counts what it accepted.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _accepted;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public long Accepted => Interlocked.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        // Answers to pipelined commands are small writes in a row: with Nagle's algorithm each waits for the client's
        // delayed ACK of the one before (40 ms per email here). Relays send them without waiting (Postfix flushes its
        // answers together when it runs out of input).
        client.NoDelay = true;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ESMTP");
            var inData = false;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (inData)
                {
                    if (line != ".") continue;
                    inData = false;
                    Interlocked.Increment(ref _accepted);
                    await writer.WriteLineAsync("250 accepted");
                    continue;
                }
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    // What production relays (Postfix, Amazon SES, SendGrid) offer too: with PIPELINING a client sends
                    // MAIL FROM, RCPT TO and DATA in one write instead of waiting for each reply.
                    case "EHLO": await writer.WriteAsync("250-sink\r\n250-PIPELINING\r\n250 8BITMIME\r\n"); break;
                    case "DATA": inData = true; await writer.WriteLineAsync("354 go on"); break;
                    case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                    default: await writer.WriteLineAsync("250 ok"); break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
    }
}
