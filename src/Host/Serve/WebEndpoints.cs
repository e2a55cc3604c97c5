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
/// <c>GET /ws</c> (WebSocket), <c>GET /api/now</c>, <c>GET /api/streams</c>, <c>GET /api/streams/{name}</c>, <c>GET /api/history</c>,
/// <c>POST /api/source</c>, <c>GET /health</c>. <c>/events</c>, <c>/ws</c> and <c>/api/history</c> take <c>?stream=name</c> (events: every stream
/// without it; history: the first); <c>POST /api/source</c> takes <c>"stream"</c> in its body.
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
        app.MapGet("/api/history", (HttpContext http) => Stream(http, hub) is var (stream, problem) && problem is not null ? problem : Results.Text(hub.HistoryOf(stream!).ToJson(), "application/json"));
        app.MapGet("/api/streams", () => Results.Text(hub.StreamsJson(), "application/json"));
        app.MapGet("/api/streams/{name}", (string name) => hub.StreamJson(name) is { } json ? Results.Text(json, "application/json") : UnknownStream(hub, name));
        app.MapGet("/health", () => Results.Json(new Dictionary<string, string?> { ["status"] = "ok", ["source"] = hub.Source.Shown }, ServeJsonContext.Default.DictionaryStringString));
        app.MapPost("/api/source", (HttpContext http, CancellationToken cancel) => SwitchSource(http, hub, media, access, cancel));
        app.MapGet("/events", (HttpContext http) => ServerSentEvents(http, hub));
        app.Map("/ws", (HttpContext http) => WebSocketEvents(http, hub));
    }

    /// <summary>The stream a request names with <c>?stream=</c> (the first stream when none), or the 404 answer for a name no stream has.</summary>
    private static (string? Stream, IResult? Problem) Stream(HttpContext http, LiveHub hub)
    {
        var name = http.Request.Query["stream"].FirstOrDefault();
        return string.IsNullOrEmpty(name) ? (hub.FirstStream, null) : hub.HasStream(name) ? (name, null) : (null, UnknownStream(hub, name));
    }

    /// <summary>The stream a client of <c>/events</c> or <c>/ws</c> follows: the one <c>?stream=</c> names, or every stream (null) when none.</summary>
    private static (string? Stream, bool Known) Followed(HttpContext http, LiveHub hub)
    {
        var name = http.Request.Query["stream"].FirstOrDefault();
        return string.IsNullOrEmpty(name) ? (null, true) : (name, hub.HasStream(name));
    }

    private static IResult UnknownStream(LiveHub hub, string name) =>
        Results.Json(
            new Dictionary<string, string> { ["error"] = $"no stream named '{ServeLog.Clip(name, 64)}'; the streams are {string.Join(", ", hub.StreamNames)}" },
            ServeJsonContext.Default.DictionaryStringString,
            statusCode: StatusCodes.Status404NotFound);

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

        var (text, named) = SourceOf(body.AsMemory(0, length));
        var stream = named ?? http.Request.Query["stream"].FirstOrDefault() ?? hub.FirstStream;
        if (!hub.HasStream(stream))
        {
            return Problem(StatusCodes.Status404NotFound, $"no stream named '{ServeLog.Clip(stream, 64)}'; the streams are {string.Join(", ", hub.StreamNames)}");
        }

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

        hub.SwitchSource(stream, source);
        return Results.Json(new Dictionary<string, string> { ["source"] = source.ToString(), ["stream"] = stream }, ServeJsonContext.Default.DictionaryStringString, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The <c>source</c> and <c>stream</c> strings of a JSON body, each null when the body is not UTF-8 JSON with it.</summary>
    private static (string? Source, string? Stream) SourceOf(ReadOnlyMemory<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return (null, null);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            string? Text(string name) =>
                root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return (Text("source"), Text("stream"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or an escaped string that is not valid UTF-16 (a lone surrogate).
            return (null, null);
        }
    }

    private static async Task ServerSentEvents(HttpContext http, LiveHub hub)
    {
        // A reconnecting EventSource sends the id of the last event it got; a client may also give it as ?lastEventId=.
        var resume = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? http.Request.Query["lastEventId"].FirstOrDefault();
        var (stream, known) = Followed(http, hub);
        if (!known)
        {
            await UnknownStream(hub, stream!).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var client = hub.Connect("sse", long.TryParse(resume, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var last) ? last : null, stream);
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

        var (stream, known) = Followed(http, hub);
        if (!known)
        {
            await UnknownStream(hub, stream!).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var client = hub.Connect("ws", stream: stream);
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
