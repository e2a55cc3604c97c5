using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using GenreStream.Host.Tests.Cli;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Serve;

/// <summary>
/// <c>genre serve</c> lets no one in where they don't belong: tokens beyond loopback, no CORS by default, no
/// foreign Host (DNS rebinding), no state change or WebSocket from another page's Origin, files through the
/// API only from the media folders.
/// </summary>
public sealed class ServeSecurityTests : IDisposable
{
    private const string Token = "a-long-enough-secret";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Music() => _temp.Write("a.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 60, 1)));

    [Fact]
    public void Binding_beyond_loopback_without_a_token_is_refused_at_start()
    {
        var (code, _, error) = GenreProcessTests.RunGenre("serve", "--address", "0.0.0.0", "--port", "0", "--source", "file:" + Music());
        Assert.Equal(1, code);
        Assert.Single(error);
        Assert.Contains("GENRE_SERVE_TOKEN", error[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_token_every_request_needs_it_and_without_it_nothing_leaks()
    {
        using var serve = new ServeProcess(
            ["--address", "0.0.0.0", "--source", "file:" + Music()],
            s => s.Environment["GENRE_SERVE_TOKEN"] = Token);

        foreach (var path in new[] { "/", "/app.js", "/api/now", "/api/history", "/overlay", "/overlay.js", "/palette.js", "/health", "/events", "/nowhere" })
        {
            using var anonymous = await serve.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            var body = await anonymous.Content.ReadAsStringAsync();
            Assert.DoesNotContain("genre\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("source", body, StringComparison.Ordinal);

            using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
            using var refused = await serve.Client.SendAsync(wrong, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var post = await serve.Client.PostAsync("/api/source", new StringContent("""{"source":"mic"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);

        // The right token, as a header or in the query (a browser then keeps it in a cookie).
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/now");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using (var ok = await serve.Client.SendAsync(bearer))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var page = await serve.Client.GetAsync($"/?token={Token}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var cookie = page.Headers.GetValues("Set-Cookie").Single();
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
            using var script = new HttpRequestMessage(HttpMethod.Get, "/app.js");
            script.Headers.Add("Cookie", cookie.Split(';')[0]);
            using var withCookie = await serve.Client.SendAsync(script);
            Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        }

        // The overlay for OBS takes the token in its address too.
        using (var overlay = await serve.Client.GetAsync($"/overlay?bars=1&token={Token}"))
        {
            Assert.Equal(HttpStatusCode.OK, overlay.StatusCode);
            Assert.Contains("overlay.js", await overlay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // WebSocket: refused without the token, served with it.
        using (var socket = new ClientWebSocket())
        {
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{serve.Url.Authority}/ws"), CancellationToken.None));
        }

        var events = await EventStream.ReadWebSocket(new Uri($"http://{serve.Url.Authority}/?token={Token}"), 1, TimeSpan.FromSeconds(60), $"?token={Token}");
        Assert.Single(events);
    }

    [Fact]
    public async Task Other_web_pages_get_no_cors_headers_unless_configured()
    {
        using var serve = new ServeProcess(["--source", "file:" + Music()]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/now");
        request.Headers.Add("Origin", "https://elsewhere.example");
        using var response = await serve.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_page_and_the_overlay_allow_only_their_own_scripts_styles_and_connections()
    {
        using var serve = new ServeProcess(["--source", "file:" + Music()]);
        foreach (var path in new[] { "/", "/overlay", "/app.js", "/overlay.js", "/palette.js" })
        {
            using var response = await serve.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> Send(ServeProcess serve, HttpMethod method, string path, string? host = null, string? origin = null, string? json = null, string type = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, type);
        }

        using var response = await serve.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response.StatusCode, path == "/events" ? string.Empty : await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_foreign_host_name_is_refused_and_loopback_names_and_configured_ones_are_served()
    {
        using var serve = new ServeProcess(["--source", "file:" + Music()], s => s.Environment["GENRE_Serve__AllowedHosts__0"] = "genre.example");
        var port = serve.Url.Port;
        string[] paths = ["/api/now", "/", "/events", "/health", "/api/history", "/overlay"];
        foreach (var path in paths)
        {
            var (status, body) = await Send(serve, HttpMethod.Get, path, host: $"attacker.example:{port}");
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.DoesNotContain("source", body, StringComparison.Ordinal);
            Assert.DoesNotContain("unix_ms", body, StringComparison.Ordinal);
        }

        Assert.True(ServeProcess.WaitUntil(() => serve.LogLines("Host 'attacker.example:") == paths.Length, TimeSpan.FromSeconds(30)), serve.Error);
        foreach (var host in new[] { $"localhost:{port}", $"127.0.0.1:{port}", $"[::1]:{port}", $"genre.example:{port}", "GENRE.example", "app.localhost" })
        {
            Assert.Equal(HttpStatusCode.OK, (await Send(serve, HttpMethod.Get, "/api/now", host: host)).Status);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Send(serve, HttpMethod.Get, "/api/now", host: $"10.1.2.3:{port}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(serve, HttpMethod.Get, "/api/now", host: $"localhost.attacker.example:{port}")).Status);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", $"attacker.example:{port}");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{serve.Url.Authority}/ws"), CancellationToken.None));
    }

    [Fact]
    public async Task State_changes_and_websockets_from_other_pages_are_refused_and_the_own_page_and_configured_origins_pass()
    {
        var media = Directory.CreateDirectory(_temp.File("media")).FullName;
        var other = _temp.Write("media/b.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 30, 2)));
        using var serve = new ServeProcess(["--source", "file:" + Music()], s =>
        {
            s.Environment["GENRE_Serve__MediaFolders__0"] = media;
            s.Environment["GENRE_Serve__CorsOrigins__0"] = "https://dashboard.example";
        });
        var switchTo = $$"""{"source":"file:{{other}}"}""";

        // A page elsewhere: its form or fetch carries its Origin.
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(serve, HttpMethod.Post, "/api/source", origin: "https://evil.example", json: switchTo)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(serve, HttpMethod.Post, "/api/source", origin: "null", json: switchTo)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(serve, HttpMethod.Delete, "/api/source", origin: "https://evil.example")).Status);
        Assert.Equal(1, serve.LogLines("refused POST /api/source: Origin 'https://evil.example'"));

        // The form's own encodings (text/plain, urlencoded) need no preflight: refused as not JSON.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Send(serve, HttpMethod.Post, "/api/source", json: switchTo, type: "text/plain")).Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Send(serve, HttpMethod.Post, "/api/source", json: switchTo, type: "application/x-www-form-urlencoded")).Status);
        Assert.DoesNotContain("b.wav", (await Send(serve, HttpMethod.Get, "/api/now")).Body, StringComparison.Ordinal);

        // A WebSocket from another page is refused; from the service's own page it is served.
        using (var socket = new ClientWebSocket())
        {
            socket.Options.SetRequestHeader("Origin", "https://evil.example");
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{serve.Url.Authority}/ws"), CancellationToken.None));
        }

        using (var socket = new ClientWebSocket())
        {
            socket.Options.SetRequestHeader("Origin", $"http://{serve.Url.Authority}");
            await socket.ConnectAsync(new Uri($"ws://{serve.Url.Authority}/ws"), CancellationToken.None);
            Assert.Equal(WebSocketState.Open, socket.State);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }

        // The page's own origin and a configured one may switch.
        Assert.Equal(HttpStatusCode.Accepted, (await Send(serve, HttpMethod.Post, "/api/source", origin: $"http://{serve.Url.Authority}", json: switchTo)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await Send(serve, HttpMethod.Post, "/api/source", origin: "https://dashboard.example", json: switchTo)).Status);
        Assert.Contains("b.wav", (await Send(serve, HttpMethod.Get, "/api/now")).Body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Files_through_the_api_must_lie_in_a_media_folder_and_missing_looks_like_forbidden()
    {
        Requires.Available(OperatingSystem.IsLinux() ? null : "uses symbolic links and /etc/passwd");
        var media = Directory.CreateDirectory(_temp.File("media")).FullName;
        var inside = _temp.Write("media/in.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 30, 2)));
        var outside = Music();
        File.CreateSymbolicLink(_temp.File("media/escape.wav"), outside);
        Directory.CreateSymbolicLink(_temp.File("media/up"), "/etc");
        Directory.CreateDirectory(_temp.File("media/sub"));
        Directory.CreateSymbolicLink(_temp.File("media/sub/link"), "/etc/ssl");

        // With no media folders (the default) no file at all.
        using (var closed = new ServeProcess(["--source", "file:" + outside]))
        {
            var (status, body) = await Send(closed, HttpMethod.Post, "/api/source", json: $$"""{"source":"file:{{inside}}"}""");
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("Serve:MediaFolders", body, StringComparison.Ordinal);
        }

        using var serve = new ServeProcess(["--source", "file:" + outside], s => s.Environment["GENRE_Serve__MediaFolders__0"] = media);
        var refusals = new List<string>();
        foreach (var path in new[]
                 {
                     "/etc/passwd", "/etc/no-such-file", outside, media + "/missing.wav", media + "/escape.wav", media + "/up/passwd",
                     media + "/../" + Path.GetFileName(outside), media + "/sub/link/../passwd",
                     media + "/sub/link/../../in.wav", // read as written, media/in.wav; the kernel goes up from /etc/ssl
                     "in.wav", media, "/proc/self/environ",
                 })
        {
            var (status, body) = await Send(serve, HttpMethod.Post, "/api/source", json: JsonSerializer.Serialize(new Dictionary<string, string> { ["source"] = "file:" + path }));
            Assert.True(status == HttpStatusCode.Forbidden, $"{path}: {status} {body}");
            refusals.Add(body);
        }

        Assert.Single(refusals.Distinct()); // the same answer whether the file exists or not
        var (accepted, answer) = await Send(serve, HttpMethod.Post, "/api/source", json: JsonSerializer.Serialize(new Dictionary<string, string> { ["source"] = $"file:{media}/sub/../in.wav" }));
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        Assert.Contains($"file:{inside}", answer, StringComparison.Ordinal);

        var (tooLong, _) = await Send(serve, HttpMethod.Post, "/api/source", json: JsonSerializer.Serialize(new Dictionary<string, string> { ["source"] = new string('d', 1025) }));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
    }
}
