using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GenreStream.Host.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GenreStream.Host.Serve;

/// <summary>
/// <c>genre serve</c>'s HTTP interface: <c>GET /</c> (the live page), <c>GET /events</c> (Server-Sent Events),
/// <c>GET /ws</c> (WebSocket), <c>GET /api/now</c>, <c>POST /api/source</c>, <c>GET /health</c>.
/// </summary>
internal static class WebEndpoints
{
    /// <summary>Largest body <c>POST /api/source</c> accepts.</summary>
    public const int MaxSourceBody = 4096;

    public static void Map(WebApplication app, LiveHub hub)
    {
        foreach (var path in WebAssets.Paths)
        {
            app.MapGet(path, () =>
            {
                var (content, type) = WebAssets.Find(path)!.Value;
                return Results.Bytes(content, type);
            });
        }

        app.MapGet("/api/now", () => Results.Text(hub.NowJson(), "application/json"));
        app.MapGet("/health", () => Results.Json(new Dictionary<string, string?> { ["status"] = "ok", ["source"] = hub.Source }));
        app.MapPost("/api/source", (HttpContext http, CancellationToken cancel) => SwitchSource(http, hub, cancel));
        app.MapGet("/events", (HttpContext http) => ServerSentEvents(http, hub));
        app.Map("/ws", (HttpContext http) => WebSocketEvents(http, hub));
    }

    private static async Task<IResult> SwitchSource(HttpContext http, LiveHub hub, CancellationToken cancel)
    {
        if (http.Request.ContentLength > MaxSourceBody)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"the body must be at most {MaxSourceBody} bytes");
        }

        var body = new byte[MaxSourceBody + 1];
        var length = 0;
        int read;
        while (length < body.Length && (read = await http.Request.Body.ReadAsync(body.AsMemory(length), cancel).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxSourceBody)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"the body must be at most {MaxSourceBody} bytes");
        }

        string? source;
        try
        {
            using var json = JsonDocument.Parse(body.AsMemory(0, length));
            source = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
        }
        catch (JsonException)
        {
            source = null;
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            return Problem(StatusCodes.Status400BadRequest, "send {\"source\":\"monitor|mic|<device name>|file:<path>\"}");
        }

        if (source == "-")
        {
            return Problem(StatusCodes.Status400BadRequest, "standard input can only be chosen when the service starts (--source -)");
        }

        if (source.StartsWith("file:", StringComparison.Ordinal) && !File.Exists(source["file:".Length..]))
        {
            return Problem(StatusCodes.Status400BadRequest, $"no such file: {source["file:".Length..]}");
        }

        hub.SwitchSource(source);
        return Results.Json(new Dictionary<string, string> { ["source"] = source }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task ServerSentEvents(HttpContext http, LiveHub hub)
    {
        var client = hub.Connect("sse");
        if (client is null)
        {
            await Refuse(http, hub).ConfigureAwait(false);
            return;
        }

        try
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await http.Response.WriteAsync(": genre events\n\n", http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            await foreach (var json in client.Reader.ReadAllAsync(http.RequestAborted).ConfigureAwait(false))
            {
                await http.Response.WriteAsync($"data: {json}\n\n", http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        catch (IOException)
        {
            // The connection broke.
        }
        finally
        {
            hub.Disconnect(client);
        }
    }

    private static async Task WebSocketEvents(HttpContext http, LiveHub hub)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("this address speaks WebSocket only\n").ConfigureAwait(false);
            return;
        }

        var client = hub.Connect("ws");
        if (client is null)
        {
            await Refuse(http, hub).ConfigureAwait(false);
            return;
        }

        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            var receiving = Drain(socket, closed);
            try
            {
                // Only the wait for the next event stops when the client closes; a send in progress finishes.
                await foreach (var json in client.Reader.ReadAllAsync(closed.Token).ConfigureAwait(false))
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, http.RequestAborted).ConfigureAwait(false);
                }

                // No more events: the service is stopping, so close first.
                if (socket.State == WebSocketState.Open)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "the service is stopping", http.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
            {
                // The client sent its close: answer it, completing the handshake.
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", http.RequestAborted).ConfigureAwait(false);
                }
            }

            await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(5), http.RequestAborted)).ConfigureAwait(false);
            await closed.CancelAsync().ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away.
        }
        finally
        {
            hub.Disconnect(client);
        }
    }

    /// <summary>Reads (and ignores) what the client sends until it closes, then cancels the sender.</summary>
    private static async Task Drain(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // Closed either way.
        }

        await closed.CancelAsync().ConfigureAwait(false);
    }

    private static Task Refuse(HttpContext http, LiveHub hub)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "10";
        return http.Response.WriteAsync($"too many clients: this service serves at most {hub.MaxClients} at once (Serve:MaxClients)\n");
    }

    private static IResult Problem(int status, string message) =>
        Results.Json(new Dictionary<string, string> { ["error"] = message }, statusCode: status);
}
