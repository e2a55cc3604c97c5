using System.Net.Sockets;
using System.Text;

namespace GenreStream.Host.Tests.Serve;

/// <summary>HTTP as bytes on a socket, for requests no HTTP client would send (bad framing, slow bodies, broken encodings).</summary>
internal static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="parts"/> one after another (waiting <paramref name="pause"/> between them) and returns the
    /// response's status code, or 0 when the service closed the connection without answering. The connection stays
    /// open meanwhile, as a client still sending would keep it (Kestrel takes a client's half-close as going away).
    /// With <paramref name="linger"/>, it then reads on until the service closes the connection or that time passes.
    /// </summary>
    public static async Task<int> Exchange(Uri service, IReadOnlyList<byte[]> parts, TimeSpan pause, TimeSpan timeout, TimeSpan linger = default)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(service.Host, service.Port, cancel.Token);
        var stream = client.GetStream();
        try
        {
            for (var i = 0; i < parts.Count; i++)
            {
                if (i > 0 && pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, cancel.Token);
                }

                await stream.WriteAsync(parts[i], cancel.Token);
            }
        }
        catch (IOException)
        {
            // The service closed the connection while the request was still going: read what it said.
        }

        var head = new byte[4096];
        var length = 0;
        try
        {
            int read;
            while (length < 12 && (read = await stream.ReadAsync(head.AsMemory(length), cancel.Token)) > 0)
            {
                length += read;
            }

            if (linger > TimeSpan.Zero)
            {
                using var lingering = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
                lingering.CancelAfter(linger);
                while (await stream.ReadAsync(head, lingering.Token) > 0)
                {
                }
            }
        }
        catch (IOException)
        {
            // Reset by the service.
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // Lingered long enough: the service keeps the connection (a WebSocket it still serves).
        }

        var text = Encoding.ASCII.GetString(head, 0, Math.Min(length, 12));
        return text.StartsWith("HTTP/1.", StringComparison.Ordinal) && text.Length == 12 && int.TryParse(text.AsSpan(9, 3), out var status) ? status : 0;
    }

    /// <summary>Sends <paramref name="request"/> and hangs up at once, as a client that goes away mid-request.</summary>
    public static async Task HangUp(Uri service, byte[] request, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(service.Host, service.Port, cancel.Token);
        await client.GetStream().WriteAsync(request, cancel.Token);
        client.Client.LingerState = new LingerOption(true, 0); // a reset, not a polite close
    }

    /// <summary>A request head (request line and headers, then the blank line) for <paramref name="service"/>.</summary>
    public static byte[] Head(Uri service, string method, string path, params string[] headers) =>
        Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.1\r\nHost: {service.Authority}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n");
}
