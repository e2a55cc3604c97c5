using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GenreStream.Host.Serve;

/// <summary>
/// <c>genre serve</c>'s HTTP interface: <c>GET /</c> (the live page), <c>GET /events</c> (Server-Sent Events with
/// <c>id:</c> and <c>event:</c> lines, resumed from <c>Last-Event-ID</c>),
/// <c>GET /ws</c> (WebSocket), <c>GET /api/now</c>, <c>GET /api/history</c>, <c>POST /api/source</c>, <c>GET /health</c>.
/// </summary>
internal static class WebEndpoints
{
    /// <summary>Largest body <c>POST /api/source</c> accepts.</summary>
    public const int MaxSourceBody = 4096;

    /// <summary>Longest source (characters) <c>POST /api/source</c> accepts: a device name or a path in a media folder.</summary>
    public const int MaxSourceLength = 1024;

    /// <summary>The <c>Content-Security-Policy</c> of the page's and the overlay's files.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Maps every route; files chosen as the source must lie in <paramref name="media"/>; each refused request gets one line in <paramref name="access"/>.</summary>
    public static void Map(WebApplication app, LiveHub hub, MediaFolders media, ILogger access)
    {
        foreach (var path in WebAssets.Paths)
        {
            app.MapGet(path, (HttpContext http) =>
            {
                var (content, type) = WebAssets.Find(path)!.Value;
                // The pages run only the program's own scripts and styles and talk only to this service.
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Bytes(content, type);
            });
        }

        // The server waits for open connections before it stops: end the event streams as soon as stopping begins,
        // not after the server's shutdown timeout (a restart with a page open took 30 s).
        app.Lifetime.ApplicationStopping.Register(hub.CompleteAll);
        app.MapGet("/api/now", () => Results.Text(hub.NowJson(), "application/json"));
        app.MapGet("/api/history", () => Results.Text(hub.History.ToJson(), "application/json"));
        app.MapGet("/health", () => Results.Json(new Dictionary<string, string?> { ["status"] = "ok", ["source"] = hub.Source.ToString() }, ServeJsonContext.Default.DictionaryStringString));
        app.MapPost("/api/source", (HttpContext http, CancellationToken cancel) => SwitchSource(http, hub, media, access, cancel));
        app.MapGet("/events", (HttpContext http) => ServerSentEvents(http, hub));
        app.Map("/ws", (HttpContext http) => WebSocketEvents(http, hub));
    }

    private static async Task<IResult> SwitchSource(HttpContext http, LiveHub hub, MediaFolders media, ILogger access, CancellationToken cancel)
    {
        IResult Problem(int status, string message)
        {
            access.Refused(http.Request.Method, ServeLog.Clip(http.Request.Path), status, message);
            return Results.Json(new Dictionary<string, string> { ["error"] = message }, ServeJsonContext.Default.DictionaryStringString, statusCode: status);
        }

        if (!http.Request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "send Content-Type: application/json");
        }

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

        var text = SourceOf(body.AsMemory(0, length));
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problem(StatusCodes.Status400BadRequest, "send {\"source\":\"monitor|mic|<device name>|file:<path>\"} as UTF-8 JSON");
        }

        if (text.Length > MaxSourceLength || text.Any(char.IsControl))
        {
            return Problem(StatusCodes.Status400BadRequest, $"the source must be at most {MaxSourceLength} characters, none of them control characters");
        }

        if (!SourceSpec.TryParse(text, out var source, out var error))
        {
            return Problem(StatusCodes.Status400BadRequest, error);
        }

        if (source.Kind == SourceKind.StandardInput)
        {
            return Problem(StatusCodes.Status400BadRequest, "standard input can only be chosen when the service starts (--source -)");
        }

        if (source.Kind == SourceKind.File)
        {
            // One answer for a file outside the media folders and one that does not exist, so nobody learns which paths exist.
            if (media.Find(source.Name!) is not { } file)
            {
                return Problem(StatusCodes.Status403Forbidden, "through the web API a file source must be an existing file in one of the media folders (Serve:MediaFolders)");
            }

            source = SourceSpec.File(file);
        }

        hub.SwitchSource(source);
        return Results.Json(new Dictionary<string, string> { ["source"] = source.ToString() }, ServeJsonContext.Default.DictionaryStringString, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The <c>source</c> string of a JSON body, or null when the body is not UTF-8 JSON with one.</summary>
    private static string? SourceOf(ReadOnlyMemory<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or an escaped string that is not valid UTF-16 (a lone surrogate).
            return null;
        }
    }

    private static async Task ServerSentEvents(HttpContext http, LiveHub hub)
    {
        // A reconnecting EventSource sends the id of the last event it got; a client may also give it as ?lastEventId=.
        var resume = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? http.Request.Query["lastEventId"].FirstOrDefault();
        var client = hub.Connect("sse", long.TryParse(resume, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var last) ? last : null);
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
            await http.Response.WriteAsync(": genre events\nretry: 2000\n\n", http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            await foreach (var e in client.Reader.ReadAllAsync(http.RequestAborted).ConfigureAwait(false))
            {
                await http.Response.WriteAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"id: {e.Id}\nevent: {e.Type}\ndata: {e.Json}\n\n"), http.RequestAborted).ConfigureAwait(false);
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
                await foreach (var e in client.Reader.ReadAllAsync(closed.Token).ConfigureAwait(false))
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(e.Json), WebSocketMessageType.Text, endOfMessage: true, http.RequestAborted).ConfigureAwait(false);
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
}
